namespace ScribeActors.Agent.Pruning;

/// <summary>What a piece of <see cref="PrunedHtml.Html"/> is.</summary>
internal enum SegmentKind : byte
{
    Open,
    Close,
    Void,
    Text,
}

/// <summary>One piece of the pruned HTML: an opening, closing or void tag, or a text.</summary>
/// <param name="Start">Offset in the HTML string.</param>
/// <param name="Length">Length in characters.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Element">The element (index into <see cref="PrunedLayout.Elements"/>) of a tag; the parent element of a
/// text (-1 for the document root).</param>
/// <param name="SpaceBefore">Whether a space separates it from the piece before (not inside pre/textarea).</param>
internal readonly record struct Segment(int Start, int Length, SegmentKind Kind, int Element, bool SpaceBefore);

/// <summary>One element of the pruned HTML.</summary>
/// <param name="Id">Its node id, or -1.</param>
/// <param name="Parent">Its parent element (index), or -1 for the root.</param>
/// <param name="Open">Index of its opening (or void) segment.</param>
/// <param name="Close">Index of its closing segment (equal to <paramref name="Open"/> for a void element).</param>
/// <param name="Tag">Lower-case tag name.</param>
/// <param name="Class">Its cleaned class attribute, or "".</param>
/// <param name="Rank">-1 for an element that is not interactive; otherwise the order in which a fitter should keep it:
/// 0 a form control or button a person sees (input, textarea, select, button, summary, contenteditable), 1 a link, label,
/// option, or an element with an event handler, jsaction or role, 2 either of those in the page's frame (inside a header,
/// footer, aside or a navigation, banner, contentinfo or complementary landmark), 3 a hidden input (never before a
/// visible field).</param>
internal readonly record struct LayoutElement(int Id, int Parent, int Open, int Close, string Tag, string Class, sbyte Rank)
{
    /// <summary>A link, control, option, label or summary, or an element with an event handler, jsaction or role.</summary>
    public bool Interactive => Rank >= 0;
}

/// <summary>The structure of a pruned HTML string, kept for the fitters so that they never re-parse it.</summary>
internal sealed class PrunedLayout(Segment[] segments, LayoutElement[] elements)
{
    public Segment[] Segments { get; } = segments;

    public LayoutElement[] Elements { get; } = elements;
}
