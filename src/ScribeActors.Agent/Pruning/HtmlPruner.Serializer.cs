using System.Buffers;
using System.Globalization;
using System.Text;

namespace ScribeActors.Agent.Pruning;

public static partial class HtmlPruner
{
    /// <summary>Python's white space (<see cref="IsPythonWhiteSpace"/>), for vectorised searches.</summary>
    private static readonly SearchValues<char> PythonWhiteSpace = SearchValues.Create(
        Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(IsPythonWhiteSpace).ToArray());

    /// <summary>What text output treats specially: white space and the three characters it escapes.</summary>
    private static readonly SearchValues<char> TextSpecials = SearchValues.Create(
        Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(c => IsPythonWhiteSpace(c) || c is '&' or '<' or '>').ToArray());

    /// <summary>The same with the double quote (written <c>&amp;quot;</c> in a value that holds both kinds of quote).</summary>
    private static readonly SearchValues<char> ValueSpecials = SearchValues.Create(
        Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(c => IsPythonWhiteSpace(c) || c is '&' or '<' or '>' or '"').ToArray());

    /// <summary>
    /// The cleaned opening tag: <c>&lt;tag a="v" node="N"&gt;</c>, attributes sorted by name (ordinal) with
    /// <c>node</c> in its place, minimal escaping, white space runs collapsed; <c>/&gt;</c> when <paramref name="selfClosing"/>.
    /// </summary>
    internal static string RenderOpeningTag(string tag, ReadOnlySpan<KeyValuePair<string, string>> attributes, int nodeId, bool selfClosing)
    {
        var writer = new Writer(64);
        writer.AppendOpeningTag(tag, attributes, nodeId, selfClosing);
        return writer.ToString();
    }

    /// <summary>
    /// The output string, remembering whether it ends in a space: the reference collapses white space over its whole
    /// output, so a run that continues one already written stays one space.
    /// </summary>
    private sealed class Writer(int capacity)
    {
        private readonly StringBuilder _sb = new(capacity);
        private bool _endsInSpace;

        public int Length => _sb.Length;

        public override string ToString() => _sb.ToString();

        /// <summary>A space before the next piece unless it is the first or <paramref name="spaceBefore"/> is false;
        /// returns where the piece starts.</summary>
        public int Begin(bool spaceBefore)
        {
            if (spaceBefore && _sb.Length > 0)
            {
                Append(' ');
            }

            return _sb.Length;
        }

        public void Append(char c)
        {
            _sb.Append(c);
            _endsInSpace = c == ' ';
        }

        public void Append(ReadOnlySpan<char> text)
        {
            if (text.Length > 0)
            {
                _sb.Append(text);
                _endsInSpace = text[^1] == ' ';
            }
        }

        public void AppendOpeningTag(string tag, ReadOnlySpan<KeyValuePair<string, string>> attributes, int nodeId, bool selfClosing)
        {
            Append('<');
            Append(tag);
            var nodeWritten = nodeId < 0;
            foreach (var (name, value) in attributes)
            {
                if (!nodeWritten && string.CompareOrdinal(name, "node") > 0)
                {
                    AppendNode(nodeId);
                    nodeWritten = true;
                }

                Append(' ');
                AppendEscaped(name, strip: false, PythonWhiteSpace);
                Append('=');
                AppendAttributeValue(value);
            }

            if (!nodeWritten)
            {
                AppendNode(nodeId);
            }

            Append(selfClosing ? "/>" : ">");
        }

        /// <summary>A text: escaped, white space runs as one space, stripped unless inside pre/textarea.</summary>
        public void AppendText(string text, bool strip) => AppendEscaped(text, strip, TextSpecials);

        private void AppendNode(int nodeId)
        {
            Span<char> digits = stackalloc char[11];
            nodeId.TryFormat(digits, out var length, default, CultureInfo.InvariantCulture);
            Append(" node=\"");
            Append(digits[..length]);
            Append('"');
        }

        // BeautifulSoup's minimal formatter: &, <, > escaped; double quotes, single quotes when the value holds a double
        // quote, &quot; when it holds both kinds.
        private void AppendAttributeValue(string value)
        {
            var hasDouble = value.Contains('"', StringComparison.Ordinal);
            var hasSingle = value.Contains('\'', StringComparison.Ordinal);
            var quote = hasDouble && !hasSingle ? '\'' : '"';
            Append(quote);
            AppendEscaped(value, strip: false, hasDouble && hasSingle ? ValueSpecials : TextSpecials);
            Append(quote);
        }

        // Appends text with &, < and > escaped (those in specials) and every white space run as one space; with strip,
        // leading and trailing white space is dropped first (prettify strips text nodes). A run that continues one
        // already written (two texts meeting inside pre) stays one space.
        private void AppendEscaped(ReadOnlySpan<char> text, bool strip, SearchValues<char> specials)
        {
            if (strip)
            {
                var start = text.IndexOfAnyExcept(PythonWhiteSpace);
                text = start < 0 ? [] : text[start..(text.LastIndexOfAnyExcept(PythonWhiteSpace) + 1)];
            }

            var inSpace = _endsInSpace;
            while (text.Length > 0)
            {
                var at = text.IndexOfAny(specials);
                if (at < 0)
                {
                    Append(text);
                    return;
                }

                if (at > 0)
                {
                    Append(text[..at]);
                    inSpace = false;
                }

                var c = text[at];
                if (IsPythonWhiteSpace(c))
                {
                    if (!inSpace)
                    {
                        Append(' ');
                        inSpace = true;
                    }

                    var end = text[at..].IndexOfAnyExcept(PythonWhiteSpace);
                    text = end < 0 ? [] : text[(at + end)..];
                    continue;
                }

                Append(c switch
                {
                    '&' => "&amp;",
                    '<' => "&lt;",
                    '>' => "&gt;",
                    _ => "&quot;",
                });
                inSpace = false;
                text = text[(at + 1)..];
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
        public static PrunedHtml Serialize(OutputTree tree, SourceTags sources, bool idsAssigned, int sourceLength)
        {
            // Exact sizes: a live text or void element is one piece, any other live element two.
            var segmentCount = 0;
            var elementCount = 0;
            var idCount = 0;
            for (var i = 0; i < tree.Count; i++)
            {
                ref var node = ref tree[i];
                if (!node.Live)
                {
                    continue;
                }

                if (node.Tag is null)
                {
                    segmentCount++;
                    continue;
                }

                elementCount++;
                idCount += node.Id >= 0 ? 1 : 0;
                segmentCount += IsVoidElement(ref node) ? 1 : 2;
            }

            // Pruned pages keep most of their characters (tags lose attributes, node ids stay).
            var writer = new Writer((int)Math.Min(sourceLength * 3L / 4, int.MaxValue / 4) + 16);
            var segments = new Segment[segmentCount];
            var elements = new LayoutElement[elementCount];
            var nodeIds = new int[idCount];
            var s = 0;
            var e = 0;
            var n = 0;

            // The open elements above the next node: its tree index, its element index, whether its content is inside
            // pre/textarea.
            var open = new Stack<(int Node, int Element, bool Preserve, bool Chrome)>();
            for (var i = 0; i < tree.Count; i++)
            {
                ref var node = ref tree[i];
                if (!node.Live)
                {
                    continue;
                }

                while (open.Count > 0 && open.Peek().Node != node.Parent)
                {
                    Close(open.Pop());
                }

                var (preserve, parent, chrome) = open.Count > 0 ? (open.Peek().Preserve, open.Peek().Element, open.Peek().Chrome) : (false, -1, false);
                var spaceBefore = !preserve;
                if (node.Tag is null)
                {
                    var textStart = writer.Begin(spaceBefore);
                    writer.AppendText(node.Text!, strip: !preserve);
                    segments[s++] = new Segment(textStart, writer.Length - textStart, SegmentKind.Text, parent, spaceBefore);
                    continue;
                }

                var tag = node.Tag;
                var isVoid = IsVoidElement(ref node);
                var start = writer.Begin(spaceBefore);
                var attributes = sources.Attributes[node.Attributes];
                writer.AppendOpeningTag(tag, attributes, node.Id, isVoid);
                var index = e++;
                segments[s] = new Segment(start, writer.Length - start, isVoid ? SegmentKind.Void : SegmentKind.Open, index, spaceBefore);
                chrome = chrome || IsChrome(tag, attributes);
                elements[index] = new LayoutElement(node.Id, parent, s, s, tag, ClassOf(attributes), RankOf(tag, attributes, chrome));
                s++;
                if (node.Id >= 0)
                {
                    nodeIds[n++] = node.Id;
                }

                if (!isVoid)
                {
                    open.Push((i, index, preserve || tag is "pre" or "textarea", chrome));
                }
            }

            while (open.Count > 0)
            {
                Close(open.Pop());
            }

            var layout = new PrunedLayout(segments, elements);
            return new PrunedHtml(writer.ToString(), nodeIds, sources.Count, idsAssigned, sources, layout);

            void Close((int Node, int Element, bool Preserve, bool Chrome) frame)
            {
                var closeStart = writer.Begin(spaceBefore: !frame.Preserve);
                writer.Append("</");
                writer.Append(tree[frame.Node].Tag);
                writer.Append('>');
                segments[s] = new Segment(closeStart, writer.Length - closeStart, SegmentKind.Close, frame.Element, !frame.Preserve);
                elements[frame.Element] = elements[frame.Element] with { Close = s };
                s++;
            }
        }

        private static bool IsVoidElement(ref OutputTree.Node node) => node.LiveChildren == 0 && VoidTags.Contains(node.Tag!);

        private static string ClassOf(ReadOnlySpan<KeyValuePair<string, string>> attributes)
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

        // The page's frame around its content: header, footer, aside, or a landmark role for them (nav is unwrapped).
        private static bool IsChrome(string tag, ReadOnlySpan<KeyValuePair<string, string>> attributes)
        {
            if (tag is "header" or "footer" or "aside")
            {
                return true;
            }

            foreach (var (name, value) in attributes)
            {
                if (name == "role" && value is "navigation" or "banner" or "contentinfo" or "complementary")
                {
                    return true;
                }
            }

            return false;
        }

        private static sbyte RankOf(string tag, ReadOnlySpan<KeyValuePair<string, string>> attributes, bool chrome)
        {
            string? type = null;
            var handler = false;
            foreach (var (name, value) in attributes)
            {
                if (name == "type")
                {
                    type = value.Trim().ToLowerInvariant();
                }
                else if (name == "contenteditable" && !value.Equals("false", StringComparison.OrdinalIgnoreCase))
                {
                    return 0;
                }
                else if (name == "role" || name.StartsWith("on", StringComparison.Ordinal) || name.Contains("jsaction", StringComparison.Ordinal))
                {
                    handler = true;
                }
            }

            var rank = tag switch
            {
                "input" when type == "hidden" => 3,
                "input" or "textarea" or "select" or "button" or "summary" => 0,
                "label" or "a" or "option" => 1,
                _ => handler ? (sbyte)1 : (sbyte)-1,
            };
            return rank is 0 or 1 && chrome ? (sbyte)2 : (sbyte)rank;
        }
    }
}
