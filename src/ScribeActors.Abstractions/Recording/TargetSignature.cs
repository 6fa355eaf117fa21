namespace ScribeActors.Abstractions;

/// <summary>How a recorded step's target element looked, so that replay can find it again in a fresh page whose
/// node ids, ids or class names may differ.</summary>
[GenerateSerializer, Immutable, Alias("scribe.TargetSignature")]
public sealed record TargetSignature
{
    /// <summary>Lower-case tag name, for example <c>button</c>.</summary>
    [Id(0)] public required string Tag { get; init; }

    /// <summary>Salient attributes of the element (name, type, placeholder, aria-label, role, href, title, value, id, ...).</summary>
    [Id(1)] public Dictionary<string, string> Attributes { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The element's visible text, whitespace collapsed (may be empty).</summary>
    [Id(2)] public string Text { get; init; } = "";

    /// <summary>The text of the element's label (a <c>label</c> bound to it), when it has one.</summary>
    [Id(3)] public string? Label { get; init; }

    /// <summary>Zero-based index of the element among the elements with the same tag, in document order.</summary>
    [Id(4)] public int Position { get; init; }

    /// <summary>How many elements with the same tag the page had.</summary>
    [Id(5)] public int SameTagCount { get; init; }

    /// <summary>The text of the closest repeated-item container holding the element (table row, list item, ARIA row or
    /// article), when there is one. It tells identical buttons in different rows apart ("Approve" in the row of
    /// EXP-6264, not in the row above it).</summary>
    [Id(6)] public string? Context { get; init; }

    // Ids 7-11 came after recordings without them were written: each is optional, and replay uses the evidence a
    // recording has.

    /// <summary>The element's stable class names (generated hashes and state classes left out), in document order;
    /// <see langword="null"/> when it has none.</summary>
    [Id(7)] public string[]? Classes { get; init; }

    /// <summary>The text of the elements the element's <c>aria-labelledby</c> names, when that resolves to text.</summary>
    [Id(8)] public string? LabelledBy { get; init; }

    /// <summary>What the icon of an element whose text names nothing says: icon names (from icon-font classes, SVG
    /// sprite references, image file names, an icon's title, aria-label or alt) and a fingerprint of inline SVG
    /// geometry (<c>svg:</c> plus 8 hex digits); <see langword="null"/> when it has none.</summary>
    [Id(9)] public string[]? Icons { get; init; }

    /// <summary>Zero-based index of the cell holding the element among the cells of its row (see
    /// <see cref="Context"/>), when a cell holds it.</summary>
    [Id(10)] public int? Cell { get; init; }

    /// <summary>Zero-based index of the element among its row's elements with the same tag, when a row holds it.</summary>
    [Id(11)] public int? RowIndex { get; init; }
}
