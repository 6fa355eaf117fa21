namespace ScribeActors.Abstractions;

/// <summary>
/// Why a page was not captured: its DOM is larger than the configured limit. Measured in the page, so the DOM itself
/// never leaves the browser.
/// </summary>
[GenerateSerializer, Immutable, Alias("scribe.PageTooLarge")]
public sealed record PageTooLarge
{
    /// <summary>Characters of the DOM as it would have been captured (node ids included).</summary>
    [Id(0)] public long DomChars { get; init; }

    /// <summary>Elements of the page (same-origin frames and open shadow roots included).</summary>
    [Id(1)] public int Elements { get; init; }

    /// <summary>The limit on characters in force.</summary>
    [Id(2)] public long MaxDomChars { get; init; }

    /// <summary>The limit on elements in force.</summary>
    [Id(3)] public int MaxElements { get; init; }

    /// <summary>The page's size, the limit it passes and the setting that holds it, for people.</summary>
    [Id(4)] public required string Message { get; init; }
}
