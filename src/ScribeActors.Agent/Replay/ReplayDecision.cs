using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Replay;

/// <summary>The next replay step for one observation.</summary>
/// <param name="Kind">Act, finish or fail.</param>
/// <param name="Cursor">The recorded step this decision is about (0-based).</param>
/// <param name="Action">The concrete action when <paramref name="Kind"/> is <see cref="ReplayDecisionKind.Act"/>.</param>
/// <param name="Step">The step (ScribeAgent's five fields), with the node id and opening tag of the fresh page.</param>
/// <param name="Answer">The answer of a finish step.</param>
/// <param name="Error">Why the step cannot be replayed.</param>
/// <param name="Note">How the decision was reached when that is not the plain next step (for example a step skipped
/// because the page shows it took effect).</param>
public sealed record ReplayDecision(ReplayDecisionKind Kind, int Cursor, BrowserAction? Action, ScribeStep? Step, string? Answer, string? Error, string? Note = null);
