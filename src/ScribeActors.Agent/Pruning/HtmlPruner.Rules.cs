using System.Collections.Frozen;
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

    /// <summary>The attribute rules of §3.1 step 8, in the reference's order, with a per-instance ratio cache.</summary>
    private sealed class AttributeCleaner(PruneOptions options)
    {
        private readonly ITokenCounter _counter = options.TokenCounter;
        private readonly int _maxLength = options.MaxAttributeLength;
        private readonly double _minRatio = options.MinCharsPerToken;
        private readonly List<KeyValuePair<string, string>> _kept = [];

        public KeyValuePair<string, string>[] Clean(IElement element)
        {
            var attributes = element.Attributes;
            if (attributes.Length == 0)
            {
                return [];
            }

            _kept.Clear();
            foreach (var attribute in attributes)
            {
                var name = attribute.Name;
                var value = attribute.Value;

                // The node id is handled by the caller (kept or assigned), never by the rules.
                if (name == "node")
                {
                    continue;
                }

                // a. Exempt: kept untouched, any length, no ratio test.
                if (name is "title" or "alt" or "aria-label")
                {
                    _kept.Add(new(name, value));
                    continue;
                }

                // b. class is BeautifulSoup's multi-valued attribute: filter token by token, whatever the length.
                //    (accesskey/dropzone/rel/headers are multi-valued too, but no rule below keeps them, so they are
                //    treated as strings here with the same outcome.)
                if (name == "class")
                {
                    value = FilterClassTokens(value);
                    if (value.Length == 0)
                    {
                        continue;
                    }
                }
                else if (value.Length > _maxLength && Ratio(value) < _minRatio)
                {
                    continue;
                }

                // c. [QUIRK 3.6.1, reproduced] The reference means to cut values to 32 characters here, but its guard tests
                //    the element's children instead of its attributes, so the cut never happens. Models were trained on
                //    whole values, so none are cut.

                // d. [QUIRK 3.6.2, reproduced] Name tests are substring/prefix tests: data-style, noscript-x, onfoo all
                //    match, as in the training data.
                if (name.Contains("script", StringComparison.Ordinal))
                {
                    continue;
                }

                if (name.Contains("style", StringComparison.Ordinal))
                {
                    if (value.Contains("user-select: none", StringComparison.Ordinal))
                    {
                        _kept.Add(new(name, "user-select: none"));
                    }

                    continue;
                }

                if (name.Contains("jsaction", StringComparison.Ordinal) || name.StartsWith("on", StringComparison.Ordinal))
                {
                    // Interactivity is signalled, the code is dropped.
                    _kept.Add(new(name, ""));
                    continue;
                }

                if (!SalientAttributes.Contains(name))
                {
                    continue;
                }

                // A class list never equals "" or "none" in the reference (a list is compared with a string).
                if (name != "class" && value is "" or "none")
                {
                    continue;
                }

                _kept.Add(new(name, value));
            }

            if (_kept.Count == 0)
            {
                return [];
            }

            var result = _kept.ToArray();
            Array.Sort(result, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
            return result;
        }

        private string FilterClassTokens(string value)
        {
            // BeautifulSoup splits on white space runs; a value of one plain token needs no rebuilding.
            var start = -1;
            var kept = new List<string>(4);
            for (var i = 0; i <= value.Length; i++)
            {
                if (i == value.Length || IsPythonWhiteSpace(value[i]))
                {
                    if (start >= 0)
                    {
                        var token = value[start..i];
                        if (Ratio(token) >= _minRatio)
                        {
                            kept.Add(token);
                        }

                        start = -1;
                    }
                }
                else if (start < 0)
                {
                    start = i;
                }
            }

            return kept.Count == 1 ? kept[0] : string.Join(' ', kept);
        }

        // The reference's ratio: len / (tokens + 1e-5).
        private double Ratio(string text) => text.Length / (_counter.CountTokens(text) + 1e-5);
    }
}
