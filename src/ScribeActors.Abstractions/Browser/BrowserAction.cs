namespace ScribeActors.Abstractions;

/// <summary>One concrete browser operation, addressed by the node id of an element in the latest observation.</summary>
[GenerateSerializer, Immutable, Alias("scribe.BrowserAction")]
public sealed record BrowserAction
{
    /// <summary>What to do.</summary>
    [Id(0)] public required BrowserActionKind Kind { get; init; }

    /// <summary>The <c>node</c> id of the target element in the latest observation; <see langword="null"/> for page-level actions.</summary>
    [Id(1)] public int? NodeId { get; init; }

    /// <summary>Text to type, key combination, option label, or scroll direction, depending on <see cref="Kind"/>. Text to
    /// type may hold secret placeholders (<c>{{secret:NAME}}</c>), which only the browser silo replaces, as it types.</summary>
    [Id(2)] public string? Text { get; init; }

    /// <summary>Destination of a <see cref="BrowserActionKind.Goto"/>.</summary>
    [Id(3)] public string? Url { get; init; }

    /// <summary>Creates a click on <paramref name="nodeId"/>.</summary>
    public static BrowserAction Click(int nodeId) => new() { Kind = BrowserActionKind.Click, NodeId = nodeId };

    /// <summary>Creates a clear-then-type of <paramref name="text"/> into <paramref name="nodeId"/>.</summary>
    public static BrowserAction Type(int nodeId, string text) => new() { Kind = BrowserActionKind.Type, NodeId = nodeId, Text = text };

    /// <summary>Creates a key press, optionally focused on <paramref name="nodeId"/>.</summary>
    public static BrowserAction Key(string combination, int? nodeId = null) => new() { Kind = BrowserActionKind.Key, NodeId = nodeId, Text = combination };

    /// <summary>Creates an option selection in the select element <paramref name="nodeId"/>.</summary>
    public static BrowserAction Select(int nodeId, string option) => new() { Kind = BrowserActionKind.Select, NodeId = nodeId, Text = option };

    /// <summary>Creates a scroll: an element into view, or the page by one viewport.</summary>
    public static BrowserAction Scroll(int? nodeId = null, string direction = "down") => new() { Kind = BrowserActionKind.Scroll, NodeId = nodeId, Text = direction };

    /// <summary>Creates a navigation to <paramref name="url"/>.</summary>
    public static BrowserAction Goto(string url) => new() { Kind = BrowserActionKind.Goto, Url = url };

    /// <summary>Creates a history back navigation.</summary>
    public static BrowserAction Back() => new() { Kind = BrowserActionKind.Back };

    /// <summary>Whether performing this action twice leaves the page as performing it once.
    /// Clear-then-type, select, scroll and goto are; a click or a key press may submit a form or toggle state.</summary>
    public bool IsIdempotent => Kind is BrowserActionKind.Type or BrowserActionKind.Select or BrowserActionKind.Scroll or BrowserActionKind.Goto;

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        BrowserActionKind.Goto => $"goto {Url}",
        BrowserActionKind.Back => "back",
        _ when NodeId is null => $"{Kind.ToString().ToLowerInvariant()} {Text}".TrimEnd(),
        _ => $"{Kind.ToString().ToLowerInvariant()} node {NodeId}{(Text is null ? "" : $" \"{Text}\"")}",
    };
}
