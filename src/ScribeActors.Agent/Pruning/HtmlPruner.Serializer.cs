using System.Globalization;
using System.Text;

namespace ScribeActors.Agent.Pruning;

public static partial class HtmlPruner
{
    /// <summary>
    /// The cleaned opening tag: <c>&lt;tag a="v" node="N"&gt;</c>, attributes sorted by name (ordinal) with
    /// <c>node</c> in its place, minimal escaping, white space runs collapsed; <c>/&gt;</c> when <paramref name="selfClosing"/>.
    /// </summary>
    internal static string RenderOpeningTag(string tag, KeyValuePair<string, string>[] attributes, int nodeId, bool selfClosing)
    {
        var sb = new StringBuilder();
        AppendOpeningTag(sb, tag, attributes, nodeId, selfClosing);
        return sb.ToString();
    }

    private static void AppendOpeningTag(StringBuilder sb, string tag, KeyValuePair<string, string>[] attributes, int nodeId, bool selfClosing)
    {
        sb.Append('<').Append(tag);
        var nodeWritten = nodeId < 0;
        foreach (var (name, value) in attributes)
        {
            if (!nodeWritten && string.CompareOrdinal(name, "node") > 0)
            {
                AppendNode(sb, nodeId);
                nodeWritten = true;
            }

            sb.Append(' ');
            AppendCollapsed(sb, name, strip: false);
            sb.Append('=');
            AppendAttributeValue(sb, value);
        }

        if (!nodeWritten)
        {
            AppendNode(sb, nodeId);
        }

        sb.Append(selfClosing ? "/>" : ">");
    }

    private static void AppendNode(StringBuilder sb, int nodeId) =>
        sb.Append(" node=\"").Append(nodeId.ToString(CultureInfo.InvariantCulture)).Append('"');

    // BeautifulSoup's minimal formatter: &, <, > escaped; double quotes, single quotes when the value holds a double
    // quote, &quot; when it holds both kinds.
    private static void AppendAttributeValue(StringBuilder sb, string value)
    {
        var hasDouble = value.Contains('"', StringComparison.Ordinal);
        var hasSingle = value.Contains('\'', StringComparison.Ordinal);
        var quote = hasDouble && !hasSingle ? '\'' : '"';
        var escaped = EscapeMinimal(value);
        if (hasDouble && hasSingle)
        {
            escaped = escaped.Replace("\"", "&quot;", StringComparison.Ordinal);
        }

        sb.Append(quote);
        AppendCollapsed(sb, escaped, strip: false);
        sb.Append(quote);
    }

    private static string EscapeMinimal(string text)
    {
        if (text.AsSpan().IndexOfAny('&', '<', '>') < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => sb.Append("&amp;"),
                '<' => sb.Append("&lt;"),
                '>' => sb.Append("&gt;"),
                _ => sb.Append(c),
            };
        }

        return sb.ToString();
    }

    // Appends text with every white space run as one space (the reference collapses its whole output); with strip, leading
    // and trailing white space is dropped first (prettify strips text nodes).
    private static void AppendCollapsed(StringBuilder sb, string text, bool strip)
    {
        var start = 0;
        var end = text.Length;
        if (strip)
        {
            while (start < end && IsPythonWhiteSpace(text[start]))
            {
                start++;
            }

            while (end > start && IsPythonWhiteSpace(text[end - 1]))
            {
                end--;
            }
        }

        // A run that continues one already written (two texts meeting inside pre) stays one space.
        var inSpace = sb.Length > 0 && sb[^1] == ' ';
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (IsPythonWhiteSpace(c))
            {
                if (!inSpace)
                {
                    sb.Append(' ');
                    inSpace = true;
                }
            }
            else
            {
                sb.Append(c);
                inSpace = false;
            }
        }
    }

    /// <summary>
    /// §3.1 step 10: BeautifulSoup <c>prettify()</c> followed by collapsing all white space to single spaces. Every tag
    /// and text stands on its own line in prettify, so after the collapse they are separated by one space; text is
    /// stripped. Inside <c>pre</c> and <c>textarea</c> (BeautifulSoup's white-space-preserving tags) nothing is
    /// separated and text is not stripped: <c>&lt;textarea&gt;hi&lt;/textarea&gt;</c>.
    /// </summary>
    private static class Serializer
    {
        public static PrunedHtml Serialize(PNode root, int sourceElementCount, bool idsAssigned, Dictionary<int, SourceTag> tags)
        {
            var sb = new StringBuilder();
            var segments = new List<Segment>();
            var elements = new List<LayoutElement>();
            var nodeIds = new List<int>();

            // Frames: (node, element index, parent element index, inside pre/textarea, exit?)
            var stack = new Stack<(PNode Node, int Parent, bool Preserve, bool Exit, int Element)>();
            for (var i = root.Children!.Count - 1; i >= 0; i--)
            {
                stack.Push((root.Children[i], -1, false, false, -1));
            }

            while (stack.Count > 0)
            {
                var (node, parent, preserve, exit, elementIndex) = stack.Pop();
                if (exit)
                {
                    var closeStart = Begin(sb, spaceBefore: !preserve);
                    sb.Append("</").Append(node.Tag).Append('>');
                    segments.Add(new Segment(closeStart, sb.Length - closeStart, SegmentKind.Close, elementIndex, !preserve));
                    var e = elements[elementIndex];
                    elements[elementIndex] = e with { Close = segments.Count - 1 };
                    continue;
                }

                var spaceBefore = !preserve;
                if (node.Tag is null)
                {
                    var textStart = Begin(sb, spaceBefore);
                    AppendCollapsed(sb, EscapeMinimal(node.Text!), strip: !preserve);
                    segments.Add(new Segment(textStart, sb.Length - textStart, SegmentKind.Text, parent, spaceBefore));
                    continue;
                }

                var isVoid = node.Children!.Count == 0 && VoidTags.Contains(node.Tag);
                var start = Begin(sb, spaceBefore);
                AppendOpeningTag(sb, node.Tag, node.Attributes!, node.Id, isVoid);
                var index = elements.Count;
                segments.Add(new Segment(start, sb.Length - start, isVoid ? SegmentKind.Void : SegmentKind.Open, index, spaceBefore));
                elements.Add(new LayoutElement(node.Id, parent, segments.Count - 1, segments.Count - 1, node.Tag, ClassOf(node.Attributes!), IsInteractive(node)));
                if (node.Id >= 0)
                {
                    nodeIds.Add(node.Id);
                }

                if (isVoid)
                {
                    continue;
                }

                var childPreserve = preserve || node.Tag is "pre" or "textarea";
                stack.Push((node, parent, childPreserve, true, index));
                for (var i = node.Children.Count - 1; i >= 0; i--)
                {
                    stack.Push((node.Children[i], index, childPreserve, false, -1));
                }
            }

            var layout = new PrunedLayout([.. segments], [.. elements]);
            return new PrunedHtml(sb.ToString(), [.. nodeIds], sourceElementCount, idsAssigned, tags, layout);
        }

        private static int Begin(StringBuilder sb, bool spaceBefore)
        {
            if (spaceBefore && sb.Length > 0)
            {
                sb.Append(' ');
            }

            return sb.Length;
        }

        private static string ClassOf(KeyValuePair<string, string>[] attributes)
        {
            foreach (var (name, value) in attributes)
            {
                if (name == "class")
                {
                    return value;
                }
            }

            return "";
        }

        private static bool IsInteractive(PNode node)
        {
            if (node.Tag is "a" or "button" or "input" or "select" or "textarea" or "option" or "label")
            {
                return true;
            }

            foreach (var (name, _) in node.Attributes!)
            {
                if (name == "role" || name.StartsWith("on", StringComparison.Ordinal) || name.Contains("jsaction", StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
