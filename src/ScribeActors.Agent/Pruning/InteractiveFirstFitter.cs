using System.Globalization;
using System.Text;

namespace ScribeActors.Agent.Pruning;

/// <summary>
/// ScribeActors' own fitter (ScribeAgent §8.2, "smarter truncation"): keeps the interactive elements and the path of
/// ancestors above them, collapses long lists of look-alike siblings, then fills the rest of the budget with the text
/// and leaf elements closest to the kept interactive elements.
/// </summary>
/// <remarks>
/// <para>Interactive: <c>a</c>, <c>button</c>, <c>input</c>, <c>select</c>, <c>textarea</c>, <c>option</c>,
/// <c>label</c>, and any element with an event handler (<c>on…</c>), <c>jsaction</c> or <c>role</c>. One with a small
/// subtree (at most <see cref="SmallSubtreeSegments"/> pieces) is kept whole, a larger one with its tags and the first
/// texts directly inside it.</para>
/// <para>Lists: a run of at least <see cref="MinListLength"/> sibling elements with the same tag and class keeps its first
/// <see cref="KeepFirstItems"/> items and its last item at normal priority; the items in between come last, whole, in
/// order, and those that do not fit are replaced by one text <c>… N more similar items …</c>.</para>
/// <para>Order of filling: interactive elements outside collapsed list middles by rank — form fields and buttons a person
/// sees (input, textarea, select, button, summary, contenteditable), then links, labels, options and elements with a
/// handler or role, then both kinds inside the page's frame (header, footer, aside, navigation landmarks), then hidden
/// inputs — in document order within a rank (one that does not fit is skipped), with the texts of the table rows and
/// list items holding the kept elements a person sees coming before the hidden inputs (row texts, see
/// <c>AddRowTexts</c>), then texts and leaf elements by distance (in pieces) to the nearest kept interactive element (from the top
/// of the page when none was kept), then list middles. Every element kept brings its ancestors (opening and closing
/// tags), so the result stays balanced, well-formed pruned HTML whose node ids all exist in the page. Token counts are
/// summed per piece and the result is re-counted whole; when the sum was optimistic the selection is redone with a
/// smaller budget until it fits.</para>
/// <para>Cost: linear in the page's pieces, and the tokenizer reads only what the selection looks at: a piece is counted
/// when it is first considered, a piece larger than the whole budget only until that is clear, and whether the whole
/// page fits is decided without reading more of it than the budget (<see cref="BoundedTokenCount"/>). On a 10 MB page
/// with a budget of a few thousand tokens that is a small part of the page, whatever the tokenizer.</para>
/// </remarks>
/// <param name="keepFirstItems">Items kept at the start of a collapsed list (default 3; 0 or more).</param>
/// <param name="minListLength">Shortest run of look-alike siblings that is collapsed (default 8; more than
/// <paramref name="keepFirstItems"/> + 1).</param>
public sealed partial class InteractiveFirstFitter(int keepFirstItems = 3, int minListLength = 8) : IDomFitter
{
    /// <summary>Largest interactive subtree (in pieces: tags and texts) kept whole.</summary>
    public const int SmallSubtreeSegments = 16;

    private const int MaxDirectTexts = 4;
    private const int MaxConsecutiveMisses = 4096;

    /// <summary>Items kept at the start of a collapsed list.</summary>
    public int KeepFirstItems { get; } = keepFirstItems >= 0
        ? keepFirstItems
        : throw new ArgumentOutOfRangeException(nameof(keepFirstItems), keepFirstItems, "keepFirstItems must be 0 or more.");

    /// <summary>Shortest run of look-alike siblings that is collapsed.</summary>
    public int MinListLength { get; } = minListLength > keepFirstItems + 1
        ? minListLength
        : throw new ArgumentOutOfRangeException(nameof(minListLength), minListLength, "minListLength must be more than keepFirstItems + 1.");

    /// <inheritdoc />
    public string Name => "interactive-first";

    /// <inheritdoc />
    public FittedDom Fit(PrunedHtml dom, int budgetTokens, ITokenCounter counter) => Fit(dom, budgetTokens, counter, null);

    /// <inheritdoc />
    /// <remarks>With an objective, an item in the middle of a collapsed list whose text holds a word of the objective found
    /// in at most <see cref="MaxNamedItems"/> items of that list (the invoice number of "open invoice INV-9862", not a
    /// vendor on every row) is kept like a first item, and so does every interactive
    /// element whose text holds a word of the objective that at most <see cref="MaxNamedItems"/> interactive elements of
    /// the page hold ("Next page" for "browse the list page by page"); both come right after the form fields and buttons.</remarks>
    public FittedDom Fit(PrunedHtml dom, int budgetTokens, ITokenCounter counter, string? objective)
    {
        FitArguments.Check(dom, budgetTokens, counter);
        var total = BoundedTokenCount.CountUpTo(counter, dom.Html, 0, budgetTokens);
        if (total <= budgetTokens)
        {
            return new FittedDom(dom.Html, dom.NodeIds, total, false, Name);
        }

        var plan = new Plan(dom, counter, KeepFirstItems, MinListLength, budgetTokens, objective);
        var effective = budgetTokens;
        while (true)
        {
            var (html, ids) = plan.Select(effective);
            var tokens = counter.CountTokens(html);
            if (tokens <= budgetTokens)
            {
                return new FittedDom(html, ids, tokens, true, Name);
            }

            if (effective == 0)
            {
                return new FittedDom("", [], 0, true, Name);
            }

            // The per-piece sum was optimistic: ask for less and select again.
            effective = Math.Max(0, effective - Math.Max(tokens - budgetTokens, 1 + (effective / 50)));
        }
    }

    /// <summary>Per-page data computed once, and the greedy selection for a budget.</summary>
    private sealed partial class Plan
    {
        private readonly PrunedHtml _dom;
        private readonly Segment[] _segments;
        private readonly LayoutElement[] _elements;
        private readonly int[] _cost;
        private readonly bool[] _demoted;
        private readonly List<List<int>> _lists = [];
        private readonly int[] _markerCost;
        private readonly int[] _interactive;
        private int _seenInteractive;
        private int _rootMarkerCost;
        private readonly int _keepFirst;
        private readonly ITokenCounter _counter;
        private readonly int _limit;

        private bool[] _elementIn = [];
        private bool[] _textIn = [];
        private int _used;
        private int _budget;

        public Plan(PrunedHtml dom, ITokenCounter counter, int keepFirst, int minListLength, int limit, string? objective)
        {
            _dom = dom;
            _limit = limit;
            _counter = counter;
            _keepFirst = keepFirst;
            _segments = dom.Layout.Segments;
            _elements = dom.Layout.Elements;
            // Pieces are counted when the selection first looks at them: a budget sees a small part of a big page.
            _cost = new int[_segments.Length];
            Array.Fill(_cost, -1);
            _demoted = new bool[_segments.Length];
            _markerCost = new int[_elements.Length];
            FindLists(minListLength);
            _interactive = InteractiveByRank(objective is null ? [] : PromoteNamedItems(objective));
        }

        // Interactive elements outside collapsed list middles, by rank (fields and buttons, then links, labels, options and
        // handlers, then all of those in the page's header, footer or navigation, then hidden inputs), in document order
        // within a rank: a page's header links never crowd out its form, and a hidden input never a field a person sees.
        // What the objective names (see PromoteNamedItems) comes right after the fields and buttons.
        private int[] InteractiveByRank(HashSet<int> named)
        {
            // Buckets: fields and buttons, what the objective names, links and the like, the page's frame, hidden inputs.
            var byRank = new List<int>[5];
            for (var r = 0; r < byRank.Length; r++)
            {
                byRank[r] = [];
            }

            for (var e = 0; e < _elements.Length; e++)
            {
                if (_elements[e].Interactive && !_demoted[_elements[e].Open])
                {
                    var rank = Math.Min((int)_elements[e].Rank, 3);
                    byRank[rank == 0 ? 0 : named.Contains(e) ? 1 : rank + 1].Add(e);
                }
            }

            _seenInteractive = byRank[0].Count + byRank[1].Count + byRank[2].Count + byRank[3].Count;
            return [.. byRank.SelectMany(r => r)];
        }

        private void FindLists(int minListLength)
        {
            // Children per parent (root = index 0, element e = e + 1), in document order, as one array sliced by parent.
            var first = new int[_elements.Length + 2];
            foreach (var element in _elements)
            {
                first[element.Parent + 2]++;
            }

            for (var p = 1; p < first.Length; p++)
            {
                first[p] += first[p - 1];
            }

            var children = new int[_elements.Length];
            var next = first[..^1];
            for (var e = 0; e < _elements.Length; e++)
            {
                children[next[_elements[e].Parent + 1]++] = e;
            }

            var markerCosts = new Dictionary<int, int>();
            for (var p = 0; p < first.Length - 1; p++)
            {
                var siblings = new ArraySegment<int>(children, first[p], first[p + 1] - first[p]);
                if (siblings.Count < minListLength)
                {
                    continue;
                }

                var runStart = 0;
                for (var i = 1; i <= siblings.Count; i++)
                {
                    if (i < siblings.Count && SameKind(siblings[i], siblings[runStart]))
                    {
                        continue;
                    }

                    if (i - runStart >= minListLength)
                    {
                        var middle = siblings.Slice(runStart + _keepFirst, i - runStart - _keepFirst - 1).ToList();
                        foreach (var item in middle)
                        {
                            Array.Fill(_demoted, true, _elements[item].Open, _elements[item].Close - _elements[item].Open + 1);
                        }

                        _lists.Add(middle);

                        // The marker's tokens are charged when the list's parent gets in (it is written only then).
                        if (!markerCosts.TryGetValue(middle.Count, out var markerCost))
                        {
                            markerCost = _counter.CountTokens(Marker(middle.Count));
                            markerCosts[middle.Count] = markerCost;
                        }

                        var parent = _elements[siblings[0]].Parent;
                        if (parent < 0)
                        {
                            _rootMarkerCost += markerCost;
                        }
                        else
                        {
                            _markerCost[parent] += markerCost;
                        }
                    }

                    runStart = i;
                }
            }
        }

        private bool SameKind(int a, int b) =>
            _elements[a].Tag == _elements[b].Tag && _elements[a].Class == _elements[b].Class;

        private static string Marker(int omitted) =>
            string.Create(CultureInfo.InvariantCulture, $"… {omitted} more similar items …");

        public (string Html, int[] Ids) Select(int budget)
        {
            _elementIn = new bool[_elements.Length];
            _textIn = new bool[_segments.Length];
            _used = 0;
            _budget = budget;

            // A marker per collapsed list of the root is reserved up front (at most one per list is written).
            _used = _rootMarkerCost;

            // Interactive elements a person sees, then the texts of the table rows and list items they sit in (which
            // row an "Approve" button belongs to), then hidden inputs.
            var kept = new List<int>();
            var misses = 0;
            for (var i = 0; i < _interactive.Length && misses < MaxConsecutiveMisses && _used < _budget; i++)
            {
                if (i == _seenInteractive)
                {
                    AddRowTexts(kept);
                }

                var e = _interactive[i];
                if (AddInteractive(e))
                {
                    kept.Add(e);
                    misses = 0;
                }
                else
                {
                    misses++;
                }
            }

            if (_seenInteractive == _interactive.Length)
            {
                AddRowTexts(kept);
            }

            var anchors = kept.Select(e => _elements[e].Open).ToList();
            anchors.Sort();
            FillByProximity(anchors);
            FillListMiddles();
            return Render();
        }

        private bool AddInteractive(int e)
        {
            var element = _elements[e];
            if (element.Close - element.Open + 1 <= SmallSubtreeSegments)
            {
                return TryAddRange(element.Open, element.Close, element.Parent);
            }

            if (!TryAddRange(element.Open, element.Open, element.Parent))
            {
                return false;
            }

            // Its closing tag was counted with the chain; now its first direct texts.
            var texts = 0;
            for (var s = element.Open + 1; s < element.Close && s <= element.Open + 64 && texts < MaxDirectTexts; s++)
            {
                if (_segments[s].Kind == SegmentKind.Text && _segments[s].Element == e)
                {
                    texts++;
                    TryAddRange(s, s, e);
                }
            }

            return true;
        }

        private void FillByProximity(List<int> anchors)
        {
            var n = _segments.Length;
            var distance = new int[n];
            if (anchors.Count == 0)
            {
                for (var i = 0; i < n; i++)
                {
                    distance[i] = i;
                }
            }
            else
            {
                var last = -1;
                var next = 0;
                for (var i = 0; i < n; i++)
                {
                    while (next < anchors.Count && anchors[next] < i)
                    {
                        last = anchors[next++];
                    }

                    var before = last < 0 ? int.MaxValue : i - last;
                    var after = next < anchors.Count ? anchors[next] - i : int.MaxValue;
                    distance[i] = Math.Min(before, after);
                }
            }

            var candidates = new List<int>();
            for (var i = 0; i < n; i++)
            {
                if (_demoted[i])
                {
                    continue;
                }

                var segment = _segments[i];
                var leaf = segment.Kind == SegmentKind.Void
                    || (segment.Kind == SegmentKind.Open && _elements[segment.Element].Close == i + 1);
                if ((segment.Kind == SegmentKind.Text && !_textIn[i]) || (leaf && !_elementIn[segment.Element]))
                {
                    candidates.Add(i);
                }
            }

            var order = ByDistance(candidates, distance);
            var misses = 0;
            foreach (var i in order)
            {
                if (misses >= MaxConsecutiveMisses || _used >= _budget)
                {
                    break;
                }

                var segment = _segments[i];
                var added = segment.Kind == SegmentKind.Text
                    ? TryAddRange(i, i, segment.Element)
                    : TryAddRange(i, _elements[segment.Element].Close, _elements[segment.Element].Parent);
                misses = added ? 0 : misses + 1;
            }
        }

        /// <summary>The candidates (in document order) ordered by distance, document order among equals: a counting sort,
        /// since distances are below the number of pieces.</summary>
        private static int[] ByDistance(List<int> candidates, int[] distance)
        {
            var max = 0;
            foreach (var i in candidates)
            {
                max = Math.Max(max, distance[i]);
            }

            var next = new int[max + 2];
            foreach (var i in candidates)
            {
                next[distance[i] + 1]++;
            }

            for (var d = 1; d < next.Length; d++)
            {
                next[d] += next[d - 1];
            }

            var order = new int[candidates.Count];
            foreach (var i in candidates)
            {
                order[next[distance[i]]++] = i;
            }

            return order;
        }

        private void FillListMiddles()
        {
            foreach (var middle in _lists)
            {
                foreach (var item in middle)
                {
                    if (!TryAddRange(_elements[item].Open, _elements[item].Close, _elements[item].Parent))
                    {
                        break;
                    }
                }
            }
        }

        // Adds the pieces first..last (a text, or a whole subtree) and the ancestors above them from chainFrom up, if the
        // not-yet-included part fits the budget. Every piece counts at least one token (ITokenCounter), so the sum stops,
        // and no more pieces are counted, as soon as the next piece cannot fit: a full budget asks the tokenizer nothing.
        private bool TryAddRange(int first, int last, int chainFrom)
        {
            var left = (long)_budget - _used;
            var cost = 0L;
            for (var e = chainFrom; e >= 0 && !_elementIn[e]; e = _elements[e].Parent)
            {
                if (cost >= left)
                {
                    return false;
                }

                cost += Cost(_elements[e].Open) + (_elements[e].Close != _elements[e].Open ? Cost(_elements[e].Close) : 0) + _markerCost[e];
            }

            for (var s = first; s <= last; s++)
            {
                var segment = _segments[s];
                var isIn = segment.Kind == SegmentKind.Text ? _textIn[s] : _elementIn[segment.Element];
                if (!isIn)
                {
                    if (cost >= left)
                    {
                        return false;
                    }

                    cost += Cost(s) + (segment.Kind is SegmentKind.Open or SegmentKind.Void ? _markerCost[segment.Element] : 0);
                }
            }

            if (cost > left)
            {
                return false;
            }

            _used += (int)cost;
            for (var e = chainFrom; e >= 0 && !_elementIn[e]; e = _elements[e].Parent)
            {
                _elementIn[e] = true;
            }

            for (var s = first; s <= last; s++)
            {
                if (_segments[s].Kind == SegmentKind.Text)
                {
                    _textIn[s] = true;
                }
                else
                {
                    _elementIn[_segments[s].Element] = true;
                }
            }

            return true;
        }

        private int Cost(int segment)
        {
            var cost = _cost[segment];
            if (cost < 0)
            {
                // A piece over the whole budget never fits: knowing that it is over is enough.
                cost = BoundedTokenCount.CountUpTo(_counter, _dom.Html, _segments[segment].Start, _segments[segment].Length, _limit);
                _cost[segment] = cost;
            }

            return cost;
        }

        private (string Html, int[] Ids) Render()
        {
            var html = _dom.Html;
            var sb = new StringBuilder();
            var ids = new List<int>();

            // Where each written list marker goes: before the first omitted item of a list whose parent is written.
            var markers = new List<(int Segment, int Omitted)>();
            foreach (var middle in _lists.Where(m => m.Count > 0))
            {
                var firstOmitted = 0;
                while (firstOmitted < middle.Count && _elementIn[middle[firstOmitted]])
                {
                    firstOmitted++;
                }

                var parent = _elements[middle[0]].Parent;
                if (firstOmitted < middle.Count && (parent < 0 || _elementIn[parent]))
                {
                    markers.Add((_elements[middle[firstOmitted]].Open, middle.Count - firstOmitted));
                }
            }

            markers.Sort();
            var nextMarker = 0;
            for (var s = 0; s < _segments.Length; s++)
            {
                var segment = _segments[s];
                if (nextMarker < markers.Count && markers[nextMarker].Segment == s)
                {
                    Separate(sb, true);
                    sb.Append(Marker(markers[nextMarker++].Omitted));
                }

                var isIn = segment.Kind == SegmentKind.Text ? _textIn[s] : _elementIn[segment.Element];
                if (!isIn)
                {
                    // Nothing inside an element that is left out is written (what gets in brings its ancestors).
                    if (segment.Kind == SegmentKind.Open)
                    {
                        s = _elements[segment.Element].Close;
                    }

                    continue;
                }

                Separate(sb, segment.SpaceBefore);
                sb.Append(html, segment.Start, segment.Length);
                if (segment.Kind is SegmentKind.Open or SegmentKind.Void && _elements[segment.Element].Id >= 0)
                {
                    ids.Add(_elements[segment.Element].Id);
                }
            }

            return (sb.ToString(), [.. ids]);
        }

        private static void Separate(StringBuilder sb, bool spaceBefore)
        {
            if (spaceBefore && sb.Length > 0)
            {
                sb.Append(' ');
            }
        }
    }
}
