using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using AngleSharp.Dom;

namespace ScribeActors.Agent.Pruning;

public static partial class HtmlPruner
{
    /// <summary>The 60 tags that survive (ScribeAgent §3.1 sets, verbatim); every other tag is unwrapped.</summary>
    internal static readonly FrozenSet<string> ValidTags = FrozenSet.Create(StringComparer.Ordinal,
        "div", "body", "span", "svg", "input", "img", "p", "a", "h1", "h2", "h3", "h4", "h5", "h6", "b", "i", "u",
        "strong", "em", "abbr", "cite", "q", "code", "ins", "var", "area", "ul", "li", "ol", "dl", "dt", "dd", "form",
        "button", "col", "textarea", "path", "lightning-primitive-icon", "select", "label", "td", "canvas", "circle",
        "i18n-string", "table", "tr", "image", "footer", "use", "option", "rect", "mark", "section", "th", "polygon",
        "aside", "main", "header", "pre", "figure");

    /// <summary>The 23 salient attribute names of the training data (case-sensitive, verbatim).</summary>
    internal static readonly FrozenSet<string> SalientAttributes = FrozenSet.Create(StringComparer.Ordinal,
        "alt", "aria-role", "aria-label", "aria-selected", "data-content", "option_selected", "placeholder", "role",
        "type", "node", "desc", "label", "input", "name", "title", "text", "value", "href", "expanded", "required",
        "selected", "id", "class");

    /// <summary>Tags kept even when empty (§3.1 sets, verbatim).</summary>
    internal static readonly FrozenSet<string> NoDropTags = FrozenSet.Create(StringComparer.Ordinal,
        "span", "svg", "input", "img", "p", "a", "h1", "h2", "h3", "h4", "h5", "h6", "button", "textarea", "select",
        "i18n-string", "canvas");

    /// <summary>BeautifulSoup's HTML void elements: written as <c>&lt;tag …/&gt;</c> when they have no children.</summary>
    private static readonly FrozenSet<string> VoidTags = FrozenSet.Create(StringComparer.Ordinal,
        "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "menuitem", "meta", "param",
        "source", "track", "wbr", "basefont", "bgsound", "command", "frame", "image", "isindex", "nextid", "spacer");

    internal static bool IsVoid(string tag) => VoidTags.Contains(tag);

    /// <summary>
    /// The attribute rules of §3.1 step 8, in the reference's order, with a per-page memo of the ratio test. The node id
    /// is read on the way (the caller keeps or assigns it; the rules never see it).
    /// </summary>
    private sealed class AttributeCleaner(PruneOptions options, AttributePool pool)
    {
        /// <summary>Longest string whose ratio verdict is memoised (class tokens and values repeat; long URLs do not).</summary>
        private const int MaxMemoLength = 256;

        private readonly ITokenCounter _counter = options.TokenCounter;
        private readonly bool _project = options.Variant == ObservationVariant.Project;
        private readonly int _maxLength = options.MaxAttributeLength;
        private readonly double _minRatio = options.MinCharsPerToken;
        private readonly List<(int Start, int Length)> _tokens = [];
        private readonly Dictionary<string, bool> _ratioOk = new(StringComparer.Ordinal);

        /// <summary>Appends the element's kept attributes to the pool, sorted by name, and says where they are.</summary>
        public AttributeRange Clean(IElement element, string tag, out int rawId)
        {
            rawId = -1;
            var attributes = element.Attributes;
            var start = pool.Count;
            for (var i = 0; i < attributes.Length; i++)
            {
                var attribute = attributes[i]!;
                var name = attribute.Name;
                var value = attribute.Value;

                // The node id is handled by the caller (kept or assigned), never by the rules.
                if (name == "node")
                {
                    rawId = ParseNodeId(value);
                    continue;
                }

                // a. Exempt: kept untouched, any length, no ratio test. The project's observation exempts a field's value too:
                //    what a person typed is state, however it tokenizes.
                if (name is "title" or "alt" or "aria-label" || (_project && name == "value" && value.Length > 0 && tag is "input" or "textarea"))
                {
                    pool.Add(new(name, value));
                    continue;
                }

                // b. class is BeautifulSoup's multi-valued attribute: filter token by token, whatever the length.
                //    (accesskey/dropzone/rel/headers are multi-valued too, but no rule below keeps them, so they are
                //    treated as strings here with the same outcome.)
                if (name == "class")
                {
                    value = FilterClassTokens(value);
                    if (value.Length > 0)
                    {
                        pool.Add(new(name, value));
                    }

                    continue;
                }

                // c. [QUIRK 3.6.1, reproduced] The reference means to cut values to 32 characters here, but its guard tests
                //    the element's children instead of its attributes, so the cut never happens. Models were trained on
                //    whole values, so none are cut.
                // d-e. The name rules decide what would be kept; a long value with a low char-to-token ratio is deleted
                //    instead. The reference tests the ratio first; both tests must pass, so testing it only for what the
                //    name rules keep gives the same result without asking the tokenizer about values that go anyway.
                if (KeepByName(name, value, _project) is { } kept && (value.Length <= _maxLength || RatioOk(value)))
                {
                    pool.Add(kept);
                }
            }

            SortByName(pool.From(start));
            return new AttributeRange(start, pool.Count - start);
        }

        // The reference's rules after the ratio test, for any name but title/alt/aria-label/class/node.
        private static KeyValuePair<string, string>? KeepByName(string name, string value, bool project)
        {
            // d. [QUIRK 3.6.2, reproduced] Name tests are substring/prefix tests: data-style, noscript-x, onfoo all
            //    match, as in the training data.
            if (name.Contains("script", StringComparison.Ordinal))
            {
                return null;
            }

            if (name.Contains("style", StringComparison.Ordinal))
            {
                return value.Contains("user-select: none", StringComparison.Ordinal) ? new(name, "user-select: none") : null;
            }

            if (name.Contains("jsaction", StringComparison.Ordinal) || name.StartsWith("on", StringComparison.Ordinal))
            {
                // Interactivity is signalled, the code is dropped.
                return new(name, "");
            }

            if (project)
            {
                // The project's observation: more names, and a boolean state's empty value (checked="") is the state.
                return ProjectSets.ProjectSalientAttributes.Contains(name) && value != "none" && (value.Length > 0 || ProjectSets.BooleanStateAttributes.Contains(name))
                    ? new(name, value)
                    : null;
            }

            if (!SalientAttributes.Contains(name) || value is "" or "none")
            {
                return null;
            }

            return new(name, value);
        }

        private static void SortByName(Span<KeyValuePair<string, string>> kept)
        {
            if (kept.Length > 16)
            {
                kept.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
                return;
            }

            // Names are unique within an element, so any sort gives the same order.
            for (var i = 1; i < kept.Length; i++)
            {
                var item = kept[i];
                var j = i - 1;
                while (j >= 0 && string.CompareOrdinal(kept[j].Key, item.Key) > 0)
                {
                    kept[j + 1] = kept[j];
                    j--;
                }

                kept[j + 1] = item;
            }
        }

        private static int ParseNodeId(string raw)
        {
            foreach (var c in raw)
            {
                if (!char.IsAsciiDigit(c))
                {
                    return -1;
                }
            }

            return raw.Length > 0 && int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1;
        }

        private string FilterClassTokens(string value)
        {
            // BeautifulSoup splits on white space runs; the kept tokens are joined with single spaces.
            _tokens.Clear();
            var all = true;
            var rest = value.AsSpan();
            var offset = 0;
            while (true)
            {
                var start = rest.IndexOfAnyExcept(PythonWhiteSpace);
                if (start < 0)
                {
                    break;
                }

                var length = rest[start..].IndexOfAny(PythonWhiteSpace);
                length = length < 0 ? rest.Length - start : length;
                if (RatioOk(rest.Slice(start, length)))
                {
                    _tokens.Add((offset + start, length));
                }
                else
                {
                    all = false;
                }

                offset += start + length;
                rest = rest[(start + length)..];
            }

            if (_tokens.Count == 0)
            {
                return "";
            }

            // The value as written when it is exactly its kept tokens with single spaces (the usual case).
            var (firstStart, _) = _tokens[0];
            var (lastStart, lastLength) = _tokens[^1];
            if (all && firstStart == 0 && lastStart + lastLength == value.Length && value.Length == TokensLength())
            {
                return value;
            }

            if (_tokens.Count == 1)
            {
                return value.Substring(firstStart, _tokens[0].Length);
            }

            var sb = new StringBuilder(TokensLength());
            foreach (var (start, length) in _tokens)
            {
                if (sb.Length > 0)
                {
                    sb.Append(' ');
                }

                sb.Append(value, start, length);
            }

            return sb.ToString();
        }

        private int TokensLength()
        {
            var length = _tokens.Count - 1;
            foreach (var (_, tokenLength) in _tokens)
            {
                length += tokenLength;
            }

            return length;
        }

        // The reference's test: len / (tokens + 1e-5) at least the minimum ratio; memoised per page for short strings.
        private bool RatioOk(ReadOnlySpan<char> text)
        {
            if (text.Length > MaxMemoLength)
            {
                return Ratio(text.ToString()) >= _minRatio;
            }

            var memo = _ratioOk.GetAlternateLookup<ReadOnlySpan<char>>();
            if (memo.TryGetValue(text, out var ok))
            {
                return ok;
            }

            var key = text.ToString();
            ok = Ratio(key) >= _minRatio;
            _ratioOk[key] = ok;
            return ok;
        }

        private bool RatioOk(string text)
        {
            if (text.Length > MaxMemoLength)
            {
                return Ratio(text) >= _minRatio;
            }

            if (!_ratioOk.TryGetValue(text, out var ok))
            {
                ok = Ratio(text) >= _minRatio;
                _ratioOk[text] = ok;
            }

            return ok;
        }

        private double Ratio(string text) => text.Length / (_counter.CountTokens(text) + 1e-5);
    }
}
