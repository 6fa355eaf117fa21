using System.Globalization;

namespace ScribeActors.Agent.Pruning;

public sealed partial class InteractiveFirstFitter
{
    /// <summary>Most items of one list an objective word may be found in for those items to be kept as named.</summary>
    public const int MaxNamedItems = 2;

    private const int MinTermLength = 3;
    private const int MaxItemSegments = 256;
    private const int MaxElementSegments = SmallSubtreeSegments * 4;

    private sealed partial class Plan
    {
        /// <summary>
        /// Takes the items the objective names out of the collapsed list middles (they are kept like first items) and
        /// returns their interactive elements, and the interactive elements the objective names, to be tried right
        /// after the form fields and buttons. An item or element is named by a word of the objective (three characters
        /// or more, case-insensitive) in its text (its first 256 or 64 pieces) that at most <see cref="MaxNamedItems"/> items of its list, or interactive
        /// elements of the page, hold.
        /// </summary>
        private HashSet<int> PromoteNamedItems(string objective)
        {
            var terms = Terms(objective);
            var named = new List<int>();
            if (terms.Count == 0 || _elements.Length == 0)
            {
                return [];
            }

            foreach (var middle in _lists)
            {
                var found = middle.Select(item => ItemTerms(item, terms, MaxItemSegments)).ToList();
                var counts = found.SelectMany(t => t).GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
                var promoted = Enumerable.Range(0, middle.Count).Where(i => found[i].Any(t => counts[t] <= MaxNamedItems)).ToList();
                foreach (var i in promoted)
                {
                    // The item and the elements inside it (pre-order: they follow it until its closing piece).
                    var item = middle[i];
                    Array.Fill(_demoted, false, _elements[item].Open, _elements[item].Close - _elements[item].Open + 1);
                    for (var e = item; e < _elements.Length && _elements[e].Open <= _elements[item].Close; e++)
                    {
                        if (_elements[e].Interactive)
                        {
                            named.Add(e);
                        }
                    }
                }

                for (var i = promoted.Count - 1; i >= 0; i--)
                {
                    middle.RemoveAt(promoted[i]);
                }
            }

            // Interactive elements whose own text holds a word of the objective that few of them hold ("Sign in",
            // "Next page" for "browse page by page"), wherever they are.
            var candidates = new List<(int Element, HashSet<string> Terms)>();
            for (var e = 0; e < _elements.Length; e++)
            {
                if (_elements[e].Interactive && !_demoted[_elements[e].Open])
                {
                    candidates.Add((e, ItemTerms(e, terms, MaxElementSegments)));
                }
            }

            var perTerm = candidates.SelectMany(c => c.Terms).GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            named.AddRange(candidates.Where(c => c.Terms.Any(t => perTerm[t] <= MaxNamedItems)).Select(c => c.Element));
            return [.. named];
        }

        // The objective's words in the first pieces of an element's subtree: bounded, so that nested interactive elements
        // (role="main" around a page) keep the scan linear in the page.
        private HashSet<string> ItemTerms(int item, HashSet<string> terms, int maxSegments)
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            var html = _dom.Html;
            var last = Math.Min(_elements[item].Close, _elements[item].Open + maxSegments);
            for (var s = _elements[item].Open; s <= last; s++)
            {
                if (_segments[s].Kind != SegmentKind.Text)
                {
                    continue;
                }

                foreach (var word in Words(html.AsSpan(_segments[s].Start, _segments[s].Length)))
                {
                    if (terms.Contains(word))
                    {
                        found.Add(word);
                    }
                }
            }

            return found;
        }

        private static HashSet<string> Terms(string objective) => [.. Words(objective)];

        private static List<string> Words(ReadOnlySpan<char> text)
        {
            var words = new List<string>();
            var start = -1;
            for (var i = 0; i <= text.Length; i++)
            {
                var word = i < text.Length && (char.IsLetterOrDigit(text[i]) || (start >= 0 && text[i] is '-' or '_' or '.' && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1])));
                if (word && start < 0)
                {
                    start = i;
                }
                else if (!word && start >= 0)
                {
                    if (i - start >= MinTermLength)
                    {
                        words.Add(text[start..i].ToString().ToLower(CultureInfo.InvariantCulture));
                    }

                    start = -1;
                }
            }

            return words;
        }
    }
}
