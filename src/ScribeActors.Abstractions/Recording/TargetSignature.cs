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
}
