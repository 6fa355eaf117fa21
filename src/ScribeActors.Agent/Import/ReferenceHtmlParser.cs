using System.Net;

namespace ScribeActors.Agent.Import;

/// <summary>
/// Parses a saved page the way the reference read it: Python's <c>html.parser</c> tokenizing, BeautifulSoup's tree
/// building (scribeagent-format.md §3.7). Unlike an HTML5 parser it honours <c>&lt;x/&gt;</c> on every element (a
/// <c>&lt;div/&gt;</c>, <c>&lt;a/&gt;</c> or <c>&lt;button/&gt;</c> is closed at once), closes nothing implicitly (no
/// implied <c>html</c>/<c>body</c>, no <c>p</c> or <c>li</c> auto-closing, no moving of a <c>form</c> out of a table),
/// closes the void elements at once, and takes an end tag as closing the nearest open element of that name and
/// everything opened inside it (an end tag with no open element of its name is ignored). Text and attribute values are
/// entity-decoded; <c>script</c> and <c>style</c> hold raw text. Declarations and processing instructions are dropped.
/// Never throws on malformed markup; iterative, so any depth parses.
/// </summary>
/// <remarks>Known differences from the reference: entities are decoded by <see cref="WebUtility.HtmlDecode(string)"/>, which
/// needs the closing <c>;</c> that Python's <c>html.unescape</c> tolerates missing on some names.</remarks>
public static class ReferenceHtmlParser
{
    /// <summary>The void elements of the reference's tree builder: closed at their start tag.</summary>
    public static IReadOnlySet<string> VoidElements { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "menuitem", "meta", "param", "source", "track", "wbr",
        "basefont", "bgsound", "command", "frame", "image", "isindex", "nextid", "spacer",
    };

    private static readonly string[] RawTextElements = ["script", "style"];

    /// <summary>Parses <paramref name="html"/>.</summary>
    public static ReferenceDocument Parse(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var builder = new Builder();
        var text = new System.Text.StringBuilder();
        var i = 0;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0)
            {
                text.Append(html, i, html.Length - i);
                break;
            }

            text.Append(html, i, lt - i);
            i = lt;
            var consumed = TryMarkup(html, i, builder, text);
            if (consumed == 0)
            {
                text.Append('<');
                i++;
            }
            else
            {
                i += consumed;
            }
        }

        builder.Text(text);
        return builder.Finish();
    }

    /// <summary>Reads the markup at <paramref name="at"/> (a <c>&lt;</c>); 0 when it is text.</summary>
    private static int TryMarkup(string html, int at, Builder builder, System.Text.StringBuilder text)
    {
        if (Starts(html, at, "<!--"))
        {
            var end = html.IndexOf("-->", at + 4, StringComparison.Ordinal);
            builder.Text(text);
            builder.Comment(end < 0 ? html[(at + 4)..] : html[(at + 4)..end]);
            return (end < 0 ? html.Length : end + 3) - at;
        }

        if (Starts(html, at, "<!") || Starts(html, at, "<?") || Starts(html, at, "</") && at + 2 < html.Length && !char.IsAsciiLetter(html[at + 2]))
        {
            // A declaration (doctype), a processing instruction, or a bogus end tag (`</ x>`): dropped up to '>'.
            var end = html.IndexOf('>', at + 2);
            builder.Text(text);
            return (end < 0 ? html.Length : end + 1) - at;
        }

        if (Starts(html, at, "</"))
        {
            var (name, afterName) = Name(html, at + 2);
            var end = html.IndexOf('>', afterName);
            builder.Text(text);
            builder.End(name);
            return (end < 0 ? html.Length : end + 1) - at;
        }

        if (at + 1 < html.Length && char.IsAsciiLetter(html[at + 1]))
        {
            var (name, position) = Name(html, at + 1);
            var attributes = new List<KeyValuePair<string, string>>();
            var selfClosed = false;
            while (position < html.Length)
            {
                var c = html[position];
                if (c == '>')
                {
                    position++;
                    break;
                }

                if (c == '/' && position + 1 < html.Length && html[position + 1] == '>')
                {
                    selfClosed = true;
                    position += 2;
                    break;
                }

                if (char.IsWhiteSpace(c) || c == '/')
                {
                    position++;
                    continue;
                }

                position = Attribute(html, position, attributes);
            }

            builder.Text(text);
            builder.Start(name, attributes, selfClosed);
            var consumed = position - at;
            if (!selfClosed && RawTextElements.Contains(name))
            {
                var close = IndexOfEndTag(html, position, name);
                builder.RawText(html[position..close]);
                consumed = close - at;
            }

            return consumed;
        }

        return 0;
    }

    private static (string Name, int End) Name(string html, int start)
    {
        var end = start;
        while (end < html.Length && html[end] is not ('\t' or '\n' or '\r' or '\f' or ' ' or '/' or '>' or '\0'))
        {
            end++;
        }

        return (html[start..end].ToLowerInvariant(), end);
    }

    private static int Attribute(string html, int position, List<KeyValuePair<string, string>> attributes)
    {
        var start = position;
        position++; // the first character may be '=' (html.parser's rule)
        while (position < html.Length && !char.IsWhiteSpace(html[position]) && html[position] is not ('/' or '=' or '>'))
        {
            position++;
        }

        var name = html[start..position].ToLowerInvariant();
        var value = "";
        var look = position;
        while (look < html.Length && char.IsWhiteSpace(html[look]))
        {
            look++;
        }

        if (look < html.Length && html[look] == '=')
        {
            position = look;
            while (position < html.Length && html[position] == '=')
            {
                position++;
            }

            while (position < html.Length && char.IsWhiteSpace(html[position]))
            {
                position++;
            }

            if (position < html.Length && html[position] is '"' or '\'')
            {
                var close = html.IndexOf(html[position], position + 1);
                close = close < 0 ? html.Length : close;
                value = html[(position + 1)..close];
                position = Math.Min(close + 1, html.Length);
            }
            else
            {
                var valueStart = position;
                while (position < html.Length && !char.IsWhiteSpace(html[position]) && html[position] != '>')
                {
                    position++;
                }

                value = html[valueStart..position];
            }

            value = WebUtility.HtmlDecode(value);
        }

        var existing = attributes.FindIndex(a => a.Key == name);
        if (existing >= 0)
        {
            attributes[existing] = new(name, value); // the last value, in the first place
        }
        else
        {
            attributes.Add(new(name, value));
        }

        return position;
    }

    private static int IndexOfEndTag(string html, int from, string name)
    {
        var at = from;
        while ((at = html.IndexOf("</", at, StringComparison.Ordinal)) >= 0)
        {
            if (string.Compare(html, at + 2, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                return at;
            }

            at += 2;
        }

        return html.Length;
    }

    private static bool Starts(string html, int at, string prefix) => string.CompareOrdinal(html, at, prefix, 0, prefix.Length) == 0;

    /// <summary>BeautifulSoup's tree building over the tokens.</summary>
    private sealed class Builder
    {
        private readonly ReferenceElement _root = new("", [], false);
        private readonly List<ReferenceElement> _open = [];
        private readonly Dictionary<string, int> _openByName = new(StringComparer.Ordinal);
        private int _selfClosed;
        private int _ignoredEndTags;

        private ReferenceElement Current => _open.Count == 0 ? _root : _open[^1];

        public void Text(System.Text.StringBuilder text)
        {
            if (text.Length > 0)
            {
                Current.Append(new ReferenceText(WebUtility.HtmlDecode(text.ToString())));
                text.Clear();
            }
        }

        public void RawText(string text)
        {
            if (text.Length > 0)
            {
                Current.Append(new ReferenceText(text));
            }
        }

        public void Comment(string text) => Current.Append(new ReferenceComment(text));

        public void Start(string name, List<KeyValuePair<string, string>> attributes, bool selfClosed)
        {
            var element = new ReferenceElement(name, attributes, selfClosed);
            Current.Append(element);
            if (selfClosed || VoidElements.Contains(name))
            {
                _selfClosed += selfClosed && !VoidElements.Contains(name) ? 1 : 0;
                return;
            }

            _open.Add(element);
            _openByName[name] = _openByName.GetValueOrDefault(name) + 1;
        }

        public void End(string name)
        {
            if (_openByName.GetValueOrDefault(name) == 0)
            {
                _ignoredEndTags += VoidElements.Contains(name) ? 0 : 1;
                return;
            }

            while (_open.Count > 0)
            {
                var popped = _open[^1];
                _open.RemoveAt(_open.Count - 1);
                _openByName[popped.Name]--;
                if (popped.Name == name)
                {
                    return;
                }
            }
        }

        public ReferenceDocument Finish()
        {
            foreach (var node in _root.Children)
            {
                node.Parent = null;
            }

            return new ReferenceDocument(_root.Children, _selfClosed, _ignoredEndTags);
        }
    }
}
