using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Recovery;

/// <summary>The verdict of <see cref="InterruptedActionRule"/>.</summary>
/// <param name="Performed">Whether the action is taken as done (the workflow moves past it).</param>
/// <param name="Outcome">The outcome to record when <paramref name="Performed"/>.</param>
/// <param name="Reason">Why, for the step's note.</param>
public sealed record InterruptedActionVerdict(bool Performed, ActionResult? Outcome, string Reason);
