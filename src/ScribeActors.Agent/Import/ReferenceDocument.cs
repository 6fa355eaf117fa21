using System.Text;

namespace ScribeActors.Agent.Import;

/// <summary>
/// A saved page as the reference parsed it (<see cref="ReferenceHtmlParser"/>), with what the project's HTML5 pipeline
/// would do differently to it: the elements written self-closing, the end tags that closed nothing, and the elements
/// nested deeper than the HTML5 parser keeps (<see cref="Html5MaxDepth"/>), which it would flatten.
/// </summary>
public sealed class ReferenceDocument
{
    /// <summary>How many elements deep the project's HTML5 parser (AngleSharp) keeps a page, <c>html</c> included:
    /// an element below that level becomes a sibling of the one above it, so the page is flattened there.</summary>
    public const int Html5MaxDepth = 512;

    internal ReferenceDocument(IReadOnlyList<ReferenceNode> nodes, int selfClosed, int ignoredEndTags)
    {
        Nodes = nodes;
        SelfClosedElements = selfClosed;
        IgnoredEndTags = ignoredEndTags;
        var depth = 0;
        var beyond = 0;
        var count = 0;
        var stack = new Stack<(ReferenceElement Element, int Depth, bool InHtml, bool InBody)>();
        foreach (var top in nodes.OfType<ReferenceElement>().Reverse())
        {
            stack.Push((top, 1, false, false));
        }

        while (stack.Count > 0)
        {
            var (element, level, inHtml, inBody) = stack.Pop();
            count++;
            inHtml |= element.Name == "html";
            inBody |= element.Name is "body" or "head";

            // The HTML5 parser adds the html and body (or head) levels a saved fragment leaves out.
            var html5Level = level + (inHtml ? 0 : 1) + (inBody || element.Name == "html" ? 0 : 1);
            depth = Math.Max(depth, html5Level);
            beyond += html5Level > Html5MaxDepth ? 1 : 0;
            foreach (var child in element.Elements.Reverse())
            {
                stack.Push((child, level + 1, inHtml, inBody));
            }
        }

        ElementCount = count;
        MaxDepth = depth;
        ElementsBeyondHtml5Depth = beyond;
    }

    /// <summary>The top-level nodes.</summary>
    public IReadOnlyList<ReferenceNode> Nodes { get; }

    /// <summary>Every element, in document (pre-order) order.</summary>
    public IEnumerable<ReferenceElement> Elements => Nodes.OfType<ReferenceElement>().SelectMany(e => e.DescendantsAndSelf());

    /// <summary>How many elements the page has.</summary>
    public int ElementCount { get; }

    /// <summary>Non-void elements written <c>&lt;x/&gt;</c>: closed here, left open by an HTML5 parser.</summary>
    public int SelfClosedElements { get; }

    /// <summary>End tags with no open element of their name (ignored, as by the reference).</summary>
    public int IgnoredEndTags { get; }

    /// <summary>The deepest element's level once an HTML5 parser has added the <c>html</c> and <c>body</c> levels a
    /// fragment leaves out.</summary>
    public int MaxDepth { get; }

    /// <summary>Elements below <see cref="Html5MaxDepth"/>: the HTML5 parser would flatten the page there.</summary>
    public int ElementsBeyondHtml5Depth { get; }

    /// <summary>Whether the page is deeper than the HTML5 parser keeps.</summary>
    public bool TooDeep => ElementsBeyondHtml5Depth > 0;

    /// <summary>A warning for a person when the page is too deep, else <see langword="null"/>.</summary>
    public string? DepthWarning => TooDeep
        ? $"The page nests {MaxDepth} elements deep, more than the {Html5MaxDepth} levels the HTML5 parser keeps: {ElementsBeyondHtml5Depth} of its {ElementCount} elements would be flattened (moved up beside their ancestors) by the pipeline."
        : null;

    /// <summary>
    /// Writes the tree as HTML that states every close: each non-void element gets its end tag (so an element the source
    /// self-closed stays empty when parsed again), attribute values in double quotes, text escaped, <c>script</c> and
    /// <c>style</c> raw. An HTML5 parser reading it back keeps the reference's tree except where HTML5 moves elements
    /// whatever the markup says (a <c>form</c> directly in a table, nesting deeper than <see cref="Html5MaxDepth"/>).
    /// </summary>
    public string ToHtml()
    {
        var output = new StringBuilder();
        var stack = new Stack<(ReferenceNode Node, bool Closing)>();
        foreach (var node in Nodes.Reverse())
        {
            stack.Push((node, false));
        }

        while (stack.Count > 0)
        {
            var (node, closing) = stack.Pop();
            switch (node)
            {
                case ReferenceElement element when closing:
                    output.Append("</").Append(element.Name).Append('>');
                    break;
                case ReferenceElement element:
                    output.Append('<').Append(element.Name);
                    foreach (var (name, value) in element.Attributes)
                    {
                        output.Append(' ').Append(name).Append("=\"").Append(value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal)).Append('"');
                    }

                    output.Append('>');
                    if (!ReferenceHtmlParser.VoidElements.Contains(element.Name))
                    {
                        stack.Push((element, true));
                        for (var i = element.Children.Count - 1; i >= 0; i--)
                        {
                            stack.Push((element.Children[i], false));
                        }
                    }

                    break;
                case ReferenceText text when text.Parent?.Name is "script" or "style":
                    output.Append(text.Text);
                    break;
                case ReferenceText text:
                    output.Append(text.Text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal));
                    break;
                case ReferenceComment comment:
                    output.Append("<!--").Append(comment.Text).Append("-->");
                    break;
            }
        }

        return output.ToString();
    }
}
