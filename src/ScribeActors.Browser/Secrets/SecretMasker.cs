using ScribeActors.Abstractions;

namespace ScribeActors.Browser.Secrets;

/// <summary>
/// Replaces secret values with their placeholders in captured text. A value is looked for as written, HTML-escaped (as
/// the capture writes text and attribute values) and percent-encoded (as it would sit in a URL); longer values first,
/// so a value inside another does not split it. In a captured DOM the <c> node="N"</c> ids the capture adds are never
/// touched, so a numeric secret cannot break the numbering. Other encodings (base64, script string escapes) are not
/// recognised.
/// </summary>
public static class SecretMasker
{
    private const string NodeAttribute = " node=\"";

    /// <summary>Masks <paramref name="text"/> (a URL, a title, a message).</summary>
    /// <param name="text">The text.</param>
    /// <param name="secrets">Name and value of each secret to mask.</param>
    /// <returns>The masked text; the same instance when nothing matched.</returns>
    public static string Mask(string text, IReadOnlyCollection<KeyValuePair<string, string>> secrets) => Mask(text, secrets, dom: false, out _);

    /// <summary>Masks a DOM serialised by the capture, leaving its node ids alone.</summary>
    /// <param name="dom">The serialised DOM.</param>
    /// <param name="secrets">Name and value of each secret to mask.</param>
    /// <param name="found">Whether any value was found.</param>
    public static string MaskDom(string dom, IReadOnlyCollection<KeyValuePair<string, string>> secrets, out bool found) => Mask(dom, secrets, dom: true, out found);

    private static string Mask(string text, IReadOnlyCollection<KeyValuePair<string, string>> secrets, bool dom, out bool found)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(secrets);
        found = false;
        if (text.Length == 0 || secrets.Count == 0)
        {
            return text;
        }

        var forms = secrets
            .Where(s => s.Value.Length > 0)
            .SelectMany(s => Forms(s.Value).Select(f => (Form: f, Placeholder: SecretPlaceholder.For(s.Key))))
            .DistinctBy(f => f.Form)
            .OrderByDescending(f => f.Form.Length);
        foreach (var (form, placeholder) in forms)
        {
            text = Replace(text, form, placeholder, dom, ref found);
        }

        return text;
    }

    /// <summary>How a value may appear in captured text.</summary>
    private static IEnumerable<string> Forms(string value)
    {
        yield return value;
        yield return value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
        yield return value.Replace("&", "&amp;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
        var escaped = Uri.EscapeDataString(value);
        yield return escaped;
        yield return escaped.Replace("%20", "+", StringComparison.Ordinal);
        yield return escaped.Replace("&", "&amp;", StringComparison.Ordinal);
    }

    private static string Replace(string text, string form, string placeholder, bool dom, ref bool found)
    {
        var hit = text.IndexOf(form, StringComparison.Ordinal);
        if (hit < 0)
        {
            return text;
        }

        var builder = new System.Text.StringBuilder(text.Length);
        var copied = 0;
        for (; hit >= 0; hit = text.IndexOf(form, hit + 1, StringComparison.Ordinal))
        {
            if (hit < copied || (dom && TouchesNodeId(text, hit, hit + form.Length)))
            {
                continue;
            }

            builder.Append(text, copied, hit - copied).Append(placeholder);
            copied = hit + form.Length;
            found = true;
        }

        return copied == 0 ? text : builder.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>Whether [<paramref name="start"/>, <paramref name="end"/>) overlaps a <c> node="N"&gt;</c> the capture
    /// wrote. Those never overlap each other, so the last one starting before the end decides.</summary>
    private static bool TouchesNodeId(string dom, int start, int end)
    {
        const int longest = 20; // ' node="' + up to 11 digits + '">'
        var low = Math.Max(0, start - longest);
        var from = Math.Min(dom.Length - 1, end + NodeAttribute.Length - 2); // an attribute starting at end - 1 fits
        if (from < low)
        {
            return false;
        }

        var attribute = dom.LastIndexOf(NodeAttribute, from, from - low + 1, StringComparison.Ordinal);
        if (attribute < 0)
        {
            return false;
        }

        var close = dom.IndexOf('"', attribute + NodeAttribute.Length);
        var attributeEnd = close < 0 ? dom.Length : Math.Min(dom.Length, close + 2);
        return attributeEnd > start;
    }
}
