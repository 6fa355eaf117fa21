using ScribeActors.Abstractions;
using ScribeActors.Agent;

namespace ScribeActors.Grains.Workflows;

/// <summary>Everything a step source may look at to decide the next step.</summary>
/// <param name="Spec">The workflow spec.</param>
/// <param name="Cursor">The source's cursor (for replay: the next recorded step).</param>
/// <param name="Observation">The fresh observation.</param>
/// <param name="Dom">The observation's DOM, parsed.</param>
/// <param name="History">The steps so far.</param>
/// <param name="HandOver">Why a self-healing replay should let its model decide this step instead of the recording
/// (its recorded steps go round in circles, see <see cref="Agent.GuardRails.LoopRule"/>); <see langword="null"/> normally.</param>
public sealed record StepContext(WorkflowSpec Spec, int Cursor, Observation Observation, DomIndex Dom, IReadOnlyList<StepRecord> History, string? HandOver = null);
