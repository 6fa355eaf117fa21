namespace ScribeActors.Abstractions;

/// <summary>Asks a browser session to perform one action.</summary>
[GenerateSerializer, Immutable, Alias("scribe.ExecuteActionRequest")]
public sealed record ExecuteActionRequest
{
    /// <summary>A unique id for this action. A session that already performed an action with this id returns the
    /// recorded result instead of performing it again, which makes re-delivery after a crash safe.</summary>
    [Id(0)] public required string ActionId { get; init; }

    /// <summary>The action.</summary>
    [Id(1)] public required BrowserAction Action { get; init; }

    /// <summary>The workflow's record of the step (its intent), kept by the session with the result once the action is
    /// performed: if storage loses the workflow's own writes, the workflow recovers the step from the session
    /// (<see cref="IBrowserSessionGrain.GetPerformedAsync"/>). Large parts (inference details) are left out.</summary>
    [Id(2)] public StepRecord? Intent { get; init; }

    /// <summary>The key the action's state-changing request carries in an <c>Idempotency-Key</c> header, to hosts that
    /// honour it; <see langword="null"/>: <see cref="ActionId"/>. A workflow that sends a request again after losing
    /// track of it passes the first attempt's key.</summary>
    [Id(3)] public string? IdempotencyKey { get; init; }
}
