using ScribeActors.Abstractions;
using ScribeActors.Agent.Planning;
using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Datasets;

/// <summary>
/// Turns one recorded expert run into training records, one per step: the observation taken before the step is pruned
/// with the public pruner and fitted with the configured fitter, the previous steps become the history (one node id
/// each, the targets' cleaned opening tags), and the step itself the label (§2.4).
/// </summary>
public static class DatasetRecordFactory
{
    /// <summary>Builds the records of one instance.</summary>
    /// <param name="instance">The task instance.</param>
    /// <param name="recording">The recorded (redacted) workflow.</param>
    /// <param name="observations">The observation taken before each step, by step number.</param>
    /// <param name="outcome">The task's server check after the run.</param>
    /// <param name="settings">Budget, fitter and token counter.</param>
    /// <exception cref="ArgumentException">A step has no observation, or the settings are invalid.</exception>
    public static IReadOnlyList<DatasetRecord> Create(
        DatasetInstanceKey instance, RecordedWorkflow recording, IReadOnlyDictionary<int, Observation> observations, DatasetOutcome outcome, DatasetSettings settings)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Validate() is [var problem, ..])
        {
            throw new ArgumentException(problem, nameof(settings));
        }

        var fitter = ModelStepPlanner.CreateFitter(settings.Fitter);
        var counter = new CachingTokenCounter(settings.TokenCounter);
        var history = new List<ScribeStep>();
        var records = new List<DatasetRecord>(recording.Steps.Length);
        foreach (var recorded in recording.Steps)
        {
            if (!observations.TryGetValue(recorded.Index, out var observation))
            {
                throw new ArgumentException($"{instance.Id} step {recorded.Index} has no observation.", nameof(observations));
            }

            var pruned = HtmlPruner.Prune(observation.Dom, new PruneOptions { TokenCounter = counter });
            var fitted = fitter.Fit(pruned, settings.ObservationTokens, counter);
            var tag = recorded.Node is { } node ? pruned.TargetTag(node) ?? recorded.Target : null;
            var step = new ScribeStep(history.Count + 1, recorded.Description, recorded.Action, recorded.Node, tag);
            records.Add(new DatasetRecord
            {
                Id = instance.RecordId(step.Number),
                Instance = instance.Id,
                Task = instance.Task,
                Site = instance.Site,
                Seed = instance.Seed,
                Step = step.Number,
                StepCount = recording.Steps.Length,
                Objective = recording.Objective,
                Url = observation.Url,
                Dom = observation.Dom,
                Pruned = pruned.Html,
                Observation = fitted.Html,
                ObservationTokens = fitted.Tokens,
                Truncated = fitted.Truncated,
                GoldShown = recorded.Node is not { } gold || fitted.NodeIds.Contains(gold),
                PreviousSteps = [.. history],
                TargetStep = step,
                Target = step.Render(5),
                GoldNode = recorded.Node,
                Value = recorded.Value,
                Outcome = outcome,
            });
            history.Add(step);
        }

        return records;
    }
}
