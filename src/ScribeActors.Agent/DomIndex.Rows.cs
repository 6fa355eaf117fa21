using System.Text;
using AngleSharp.Dom;

namespace ScribeActors.Agent;

/// <summary>Repeated rows: the row holding an element (the closest table row, list item, ARIA row or list item, or
/// article above it), the row's text, and the element's place in it.</summary>
public sealed partial class DomIndex
{
    // Inline elements run into their neighbours' text; every other element (a cell, a block, a button) is a word boundary.
    private static readonly HashSet<string> InlineTags = new(StringComparer.Ordinal)
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd", "mark", "nobr", "q", "s",
        "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
    };

    private readonly Dictionary<IElement, RowTokens> _rowTokens = [];
    private readonly Lock _rowLock = new();
    private RowPlaces? _rowPlaces;

    /// <summary>The text (collapsed, at most 200 characters) of the row holding the element at
    /// <paramref name="ordinal"/>, its cells and blocks separated by spaces so that neighbouring cells never run
    /// together ("INV-102 Bolt Ltd 87.50", not "INV-102Bolt Ltd87.50"); <see langword="null"/> when no row holds it.</summary>
    internal string? ContextAt(int ordinal) => Rows().Row[ordinal] is { } row ? RowTokensOf(row).Text : null;

    /// <summary>The <paramref name="tokens"/> (folded words) that the row holding the element at
    /// <paramref name="ordinal"/> lacks; <see langword="null"/> when no row holds it. A token counts as present when
    /// it is a word of the row's text (<see cref="ContextAt"/>) or, for recordings made before cells were separated,
    /// of the row's raw text content.</summary>
    internal IReadOnlyList<string>? ContextLacks(int ordinal, IReadOnlyList<string> tokens)
    {
        if (Rows().Row[ordinal] is not { } row)
        {
            return null;
        }

        var words = RowTokensOf(row);
        return [.. tokens.Where(t => !words.Contains(t))];
    }

    /// <summary>The place of the element at <paramref name="ordinal"/> in the row holding it: the zero-based index of
    /// the cell (<c>td</c>, <c>th</c>, ARIA cell, grid cell or header; the element itself or its closest such ancestor
    /// below the row) among its sibling cells, or <see langword="null"/> when no cell holds it; and its zero-based
    /// index among the row's elements with its tag whose closest row is that row. <see langword="null"/> when no row
    /// holds it.</summary>
    internal (int? Cell, int Index)? RowPlaceAt(int ordinal)
    {
        var places = Rows();
        var index = places.Index[ordinal];
        return index < 0 ? null : (places.Cell[ordinal] < 0 ? null : places.Cell[ordinal], index);
    }

    private static bool IsRow(IElement element) =>
        element.LocalName is "tr" or "li" or "article" || element.GetAttribute("role") is "row" or "listitem";

    private static bool IsCell(IElement element) =>
        element.LocalName is "td" or "th" || element.GetAttribute("role") is "cell" or "gridcell" or "columnheader" or "rowheader";

    private RowPlaces Rows() => Volatile.Read(ref _rowPlaces) ?? LazyInitializer.EnsureInitialized(ref _rowPlaces, FindRowPlaces);

    private RowTokens RowTokensOf(IElement row)
    {
        lock (_rowLock)
        {
            if (!_rowTokens.TryGetValue(row, out var tokens))
            {
                tokens = new RowTokens(row);
                _rowTokens[row] = tokens;
            }

            return tokens;
        }
    }

    // One pass in document order. Each element's (row, cell) is derived from its parent's, which is known by then
    // (memoised; elements without a node id are resolved on the way up), and the cells of a parent are numbered
    // together, so the pass is linear in the number of elements.
    private RowPlaces FindRowPlaces()
    {
        var places = new Dictionary<IElement, (IElement? Row, int Cell)>();
        var cellIndexes = new Dictionary<IElement, int>();
        var counters = new Dictionary<(IElement Row, string Tag), int>();
        var rows = new IElement?[_elements.Length];
        var cell = new int[_elements.Length];
        var index = new int[_elements.Length];
        var pending = new Stack<IElement>();
        for (var i = 0; i < _elements.Length; i++)
        {
            for (var e = _elements[i]; e is not null && !places.ContainsKey(e); e = e.ParentElement)
            {
                pending.Push(e);
            }

            while (pending.TryPop(out var e))
            {
                (IElement? Row, int Cell) inherited = (null, -1);
                if (e.ParentElement is { } parent)
                {
                    inherited = IsRow(parent) ? (parent, -1) : places[parent];
                }

                places[e] = (inherited.Row, IsCell(e) && inherited.Row is not null ? CellIndex(e, cellIndexes) : inherited.Cell);
            }

            var (row, ownCell) = places[_elements[i]];
            rows[i] = row;
            cell[i] = ownCell;
            index[i] = -1;
            if (row is not null)
            {
                var key = (row, TagOf(_elements[i]));
                counters.TryGetValue(key, out var count);
                index[i] = count;
                counters[key] = count + 1;
            }
        }

        return new RowPlaces(rows, cell, index);
    }

    // The first time a cell of a parent is asked for, every cell child of that parent is numbered in one pass.
    private static int CellIndex(IElement cell, Dictionary<IElement, int> known)
    {
        if (!known.TryGetValue(cell, out var index) && cell.Parent is { } parent)
        {
            var next = 0;
            foreach (var child in parent.ChildNodes)
            {
                if (child is IElement element && IsCell(element))
                {
                    known[element] = next++;
                }
            }

            index = known[cell];
        }

        return index;
    }

    /// <summary>Row text with cells and blocks separated, built until it reaches the text cap.</summary>
    private static string SeparatedText(IElement row)
    {
        var sb = new StringBuilder();

        // A null node stands for the word boundary after a block's content.
        var stack = new Stack<INode?>();
        for (var i = row.ChildNodes.Length - 1; i >= 0; i--)
        {
            stack.Push(row.ChildNodes[i]);
        }

        while (stack.Count > 0 && sb.Length < TextCap)
        {
            var node = stack.Pop();
            if (node is null)
            {
                TextNormalizer.AppendCollapsed(sb, " ", TextCap);
                continue;
            }

            if (node is IText text)
            {
                TextNormalizer.AppendCollapsed(sb, text.Data, TextCap);
                continue;
            }

            if (node is not IElement element || SuppressesText(element))
            {
                continue;
            }

            if (!InlineTags.Contains(element.LocalName) || IsCell(element))
            {
                TextNormalizer.AppendCollapsed(sb, " ", TextCap);
                stack.Push(null);
            }

            for (var i = element.ChildNodes.Length - 1; i >= 0; i--)
            {
                stack.Push(element.ChildNodes[i]);
            }
        }

        return TextNormalizer.Limit(sb.ToString(), MaxTextLength);
    }

    private sealed record RowPlaces(IElement?[] Row, int[] Cell, int[] Index);

    /// <summary>A row's text and words; the words of its raw text content (what recordings made before cells were
    /// separated hold) are read only when a token is not among the separated words.</summary>
    private sealed class RowTokens
    {
        private readonly IElement _row;
        private readonly HashSet<string> _words;
        private HashSet<string>? _legacy;

        public RowTokens(IElement row)
        {
            _row = row;
            Text = SeparatedText(row);
            _words = Fold(Text);
        }

        public string Text { get; }

        public bool Contains(string token)
        {
            if (_words.Contains(token))
            {
                return true;
            }

            _legacy ??= Fold(TextNormalizer.Limit(TextNormalizer.Collapse(_row.TextContent), MaxTextLength));
            return _legacy.Contains(token);
        }

        private static HashSet<string> Fold(string text) =>
            TextNormalizer.Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
    }
}
