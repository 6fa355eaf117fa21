using System.Globalization;
using System.Text;

namespace ScribeActors.Silo.Viewer;

/// <summary>
/// Turns a stored observation DOM into a document the viewer can show without running anything in it: the answer carries
/// a Content-Security-Policy that sandboxes it (no scripts, no forms, no plugins, an opaque origin) and lets it load
/// nothing but inline styles and data: images, and the viewer frames it in an iframe whose <c>sandbox</c> attribute has
/// no <c>allow-scripts</c> either. The element a step acted on is outlined by an added style rule and given the anchor
/// <see cref="TargetAnchor"/>, so <c>#scribe-target</c> scrolls to it without a script (in a tab of its own; the run
/// page's frame leaves the fragment out, since scrolling a frame to one can scroll the page around it too).
/// </summary>
public static class SafeDomDocument
{
    /// <summary>The Content-Security-Policy of a shown DOM. <c>sandbox</c> without <c>allow-scripts</c> turns off every
    /// script (inline, event handlers, javascript: URLs) even if the document is opened outside the viewer's iframe.</summary>
    public const string Policy =
        "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

    /// <summary>The id given to the acted-on element.</summary>
    public const string TargetAnchor = "scribe-target";

    private const string NodeAttribute = " node=\"";

    /// <summary>The document to serve for <paramref name="dom"/>, with <paramref name="targetNode"/> (a <c>node</c> id)
    /// outlined when given and present.</summary>
    public static string Render(string dom, int? targetNode)
    {
        ArgumentNullException.ThrowIfNull(dom);
        var html = new StringBuilder(dom.Length + 512);
        html.Append("<!DOCTYPE html><meta charset=\"utf-8\">");
        if (targetNode is not { } node)
        {
            return html.Append(dom).ToString();
        }

        var id = node.ToString(CultureInfo.InvariantCulture);
        html.Append("<style>[node=\"").Append(id).Append("\"]{outline:3px solid #d6336c !important;outline-offset:2px !important;")
            .Append("background-color:rgba(255,214,0,.35) !important;scroll-margin:80px}</style>");
        var tagStart = FindTag(dom, id);
        if (tagStart < 0)
        {
            return html.Append(dom).ToString();
        }

        // After the tag name, so the anchor comes before any id the element has (the first of two wins).
        var nameEnd = tagStart + 1;
        while (nameEnd < dom.Length && !char.IsWhiteSpace(dom[nameEnd]) && dom[nameEnd] is not ('>' or '/'))
        {
            nameEnd++;
        }

        return html.Append(dom, 0, nameEnd).Append(" id=\"").Append(TargetAnchor).Append('"').Append(dom, nameEnd, dom.Length - nameEnd).ToString();
    }

    /// <summary>Where the start tag carrying <c>node="<paramref name="id"/>"</c> begins, or -1. The capture writes the
    /// node id as the tag's last attribute (<c> node="N"&gt;</c>); the same characters inside a script or style are
    /// passed over, since a '&gt;' lies between them and the last '&lt;' before them.</summary>
    private static int FindTag(string dom, string id)
    {
        var needle = NodeAttribute + id + "\">";
        for (var at = dom.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = dom.IndexOf(needle, at + needle.Length, StringComparison.Ordinal))
        {
            var start = dom.LastIndexOf('<', at);
            if (start >= 0 && dom.IndexOf('>', start, at - start) < 0)
            {
                return start;
            }
        }

        return -1;
    }
}
