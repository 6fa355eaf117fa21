using ScribeActors.Abstractions;

namespace ScribeActors.Grains.Workflows;

/// <summary>What a step source wants next: one decision record for replay and model steps alike.</summary>
/// <param name="Kind">Act, finish or fail.</param>
/// <param name="Action">The action when acting.</param>
/// <param name="Step">The step (ScribeAgent's five fields); the record keeps it as its 5-line block.</param>
/// <param name="NextCursor">The source cursor after the action succeeds.</param>
/// <param name="Answer">The answer of a finish step.</param>
/// <param name="Error">Why the source cannot go on.</param>
/// <param name="Note">How the source reached the decision, when worth recording.</param>
/// <param name="Inference">For a model decision: raw output, token counts and latencies.</param>
/// <param name="Prompt">For a model decision: the prompt the model was given, stored as an artefact.</param>
public sealed record StepDecision(StepDecisionKind Kind, BrowserAction? Action, ScribeStep? Step, int NextCursor, string? Answer = null, string? Error = null, string? Note = null, StepInference? Inference = null, string? Prompt = null);
