namespace ScribeActors.Abstractions;

/// <summary>What the browser shows at one moment: the whole DOM serialised with a <c>node</c> id on every element.</summary>
/// <remarks>
/// Node ids follow the ScribeAgent rule: all elements of the document (same-origin iframes and open shadow roots
/// included, in document order) are numbered in reverse, so the last element gets 0 and the root element the largest id.
/// Ids are valid for actions until the next observation of the same session.
/// </remarks>
[GenerateSerializer, Immutable, Alias("scribe.Observation")]
public sealed record Observation
{
    /// <summary>Sequence number of this observation within its session (1, 2, ...).</summary>
    [Id(0)] public long ObservationId { get; init; }

    /// <summary>The page URL.</summary>
    [Id(1)] public required string Url { get; init; }

    /// <summary>The page title.</summary>
    [Id(2)] public string Title { get; init; } = "";

    /// <summary>The serialised DOM, every element carrying <c>node="N"</c>; empty when the page was
    /// <see cref="TooLarge"/>.</summary>
    [Id(3)] public required string Dom { get; init; }

    /// <summary>How many elements carry a node id.</summary>
    [Id(4)] public int NodeCount { get; init; }

    /// <summary>A PNG screenshot of the viewport when one was asked for.</summary>
    [Id(5)] public byte[]? Screenshot { get; init; }

    /// <summary>How many times the session was rebuilt from a checkpoint (0 = the original browser context).
    /// A change means in-page state that was not checkpointed (typed field values, scroll position) is gone.</summary>
    [Id(6)] public int SessionEpoch { get; init; }

    /// <summary>When the observation was taken.</summary>
    [Id(7)] public DateTimeOffset CapturedAt { get; init; }

    /// <summary>Set when the page is larger than the configured limit: its DOM was measured but not captured
    /// (<see cref="Dom"/> is empty, <see cref="NodeCount"/> is the page's element count), and no node id of it can be
    /// acted on.</summary>
    [Id(8)] public PageTooLarge? TooLarge { get; init; }
}
