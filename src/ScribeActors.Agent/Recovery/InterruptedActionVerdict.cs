using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Recovery;

/// <summary>The verdict of <see cref="InterruptedActionRule"/>.</summary>
/// <param name="Performed">Whether the action is taken as done (the workflow moves past it).</param>
/// <param name="Outcome">The outcome to record when <paramref name="Performed"/>.</param>
/// <param name="Reason">Why, for the step's note.</param>
/// <param name="Uncertain">Whether <paramref name="Performed"/> is assumed rather than known: a request that may change
/// server state left as the browser died, and nothing shows that it reached the server. Never repeating it is the
/// safe side (a repeat could double a submission); the step is flagged so a person can check the server.</param>
/// <param name="IdempotencyKey">When not <paramref name="Performed"/>: the <c>Idempotency-Key</c> the request that
/// may have reached the server carried. The action is taken again under the same key, so a server that acted on the
/// first request answers as it did then and acts no more.</param>
public sealed record InterruptedActionVerdict(bool Performed, ActionResult? Outcome, string Reason, bool Uncertain = false, string? IdempotencyKey = null);
