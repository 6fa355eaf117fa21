namespace ScribeActors.Abstractions;

/// <summary>The outcome of one <see cref="BrowserAction"/>.</summary>
[GenerateSerializer, Immutable, Alias("scribe.ActionResult")]
public sealed record ActionResult
{
    /// <summary>Whether the action was performed and the page settled.</summary>
    [Id(0)] public required bool Succeeded { get; init; }

    /// <summary>The failure kind; <see cref="ActionFailureKind.None"/> on success.</summary>
    [Id(1)] public ActionFailureKind Failure { get; init; }

    /// <summary>A human-readable explanation of the failure, naming the node, host or error.</summary>
    [Id(2)] public string? Message { get; init; }

    /// <summary>The page URL after the action.</summary>
    [Id(3)] public string? UrlAfter { get; init; }

    /// <summary>How long the action took, including waiting for the page to settle.</summary>
    [Id(4)] public TimeSpan Duration { get; init; }

    /// <summary><see langword="true"/> when this result was recorded earlier for the same action id and returned
    /// without performing the action again.</summary>
    [Id(5)] public bool Deduplicated { get; init; }

    /// <summary>Whether the top frame requested a new document while the action ran (a navigation, a form post that
    /// came back to the same URL, a reload, a download): in-page state from before it is gone, and the server may have
    /// acted on it. <see langword="null"/> when not known, as for an outcome inferred after an interruption.</summary>
    [Id(6)] public bool? LoadedDocument { get; init; }

    /// <summary>When the action was done and the page settled, by the session's clock (before the observation that may
    /// follow it); <see langword="null"/> when not known, as for an outcome inferred after an interruption.</summary>
    [Id(7)] public DateTimeOffset? PerformedAt { get; init; }

    /// <summary>Creates a success result.</summary>
    public static ActionResult Success(string? urlAfter, TimeSpan duration) => new() { Succeeded = true, UrlAfter = urlAfter, Duration = duration };

    /// <summary>Creates a failure result.</summary>
    public static ActionResult Fail(ActionFailureKind failure, string message, string? urlAfter = null, TimeSpan duration = default) =>
        new() { Succeeded = false, Failure = failure, Message = message, UrlAfter = urlAfter, Duration = duration };

    /// <inheritdoc />
    public override string ToString() => Succeeded ? "ok" : $"{Failure}: {Message}";
}
