using ScribeActors.Abstractions;
using ScribeActors.Agent;

namespace ScribeActors.Grains.Workflows;

/// <summary>Everything a step source may look at to decide the next step.</summary>
/// <param name="Spec">The workflow spec.</param>
/// <param name="Cursor">The source's cursor (for replay: the next recorded step).</param>
/// <param name="Observation">The fresh observation.</param>
/// <param name="Dom">The observation's DOM, parsed.</param>
/// <param name="History">The steps so far.</param>
public sealed record StepContext(WorkflowSpec Spec, int Cursor, Observation Observation, DomIndex Dom, IReadOnlyList<StepRecord> History);
