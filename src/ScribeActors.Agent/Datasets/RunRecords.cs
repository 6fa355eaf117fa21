using ScribeActors.Abstractions;
using ScribeActors.Agent.Recovery;

namespace ScribeActors.Agent.Datasets;

/// <summary>
/// Turns one workflow run stored in a cluster into training records, the same records an expert solution gives
/// (<see cref="DatasetRecordFactory"/>): the objective as the workflow holds it (secret placeholders), each performed
/// step's stored observation, URL and 5-line block (<see cref="StepRecord.Description"/>), the steps before it, and the
/// run's status as the outcome. Only steps that took effect become records and history: an action the browser reported
/// as failed (and the workflow then retried) is left out, as is a finish that did not end the run.
/// </summary>
public static class RunRecords
{
    /// <summary>The workflow label that names a run's task template (<see cref="WorkflowSpec.Labels"/>).</summary>
    public const string TaskLabel = "task";

    /// <summary>The workflow label that names a run's site.</summary>
    public const string SiteLabel = "site";

    /// <summary>The task template of a run without a <see cref="TaskLabel"/> label.</summary>
    public const string DefaultTask = "run";

    /// <summary>The run's instance: the task and site from its labels (else <see cref="DefaultTask"/> and the start URL's
    /// host), its workflow id, and the split number of that id (<see cref="DatasetSplits.RunSeed"/>).</summary>
    public static DatasetInstanceKey Key(WorkflowSnapshot run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var labels = run.Spec.Labels;
        var task = labels.TryGetValue(TaskLabel, out var t) && !string.IsNullOrWhiteSpace(t) ? t : DefaultTask;
        var site = labels.TryGetValue(SiteLabel, out var s) && !string.IsNullOrWhiteSpace(s) ? s : HostPattern.Of(new Uri(run.Spec.StartUrl));
        return new DatasetInstanceKey(task, site, DatasetSplits.RunSeed(run.Id), run.Id);
    }

    /// <summary>The run's outcome: succeeded when the workflow did, with what its success criteria saw (or why the success is
    /// unverified); otherwise its status and failure reason.</summary>
    public static DatasetOutcome Outcome(WorkflowSnapshot run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Status == WorkflowStatus.Succeeded
            ? new DatasetOutcome(true, $"workflow {run.Verification.ToString().ToLowerInvariant()}: {run.VerificationNote ?? "succeeded"}")
            : new DatasetOutcome(false, $"workflow {run.Status.ToString().ToLowerInvariant()}: {run.FailureReason ?? "no reason recorded"}");
    }

    /// <summary>The steps that become records, oldest first: actions that took effect, and the finish that ended the run.</summary>
    public static IReadOnlyList<StepRecord> PerformedSteps(WorkflowSnapshot run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var last = run.Steps.Length - 1;
        return
        [
            .. run.Steps.Where((step, i) => step.Phase == StepPhase.Done && step.Action switch
            {
                null => i == last && run.Status == WorkflowStatus.Succeeded,
                _ => step.Outcome is { } outcome && (outcome.Succeeded || SlowNavigationRule.TookEffect(outcome, step.UrlBefore)),
            }),
        ];
    }

    /// <summary>Builds the run's records.</summary>
    /// <param name="run">The workflow's snapshot.</param>
    /// <param name="observations">The stored observation of each of <see cref="PerformedSteps"/>, by step index.</param>
    /// <param name="settings">Budget, fitter and token counter.</param>
    /// <exception cref="ArgumentException">A performed step has no stored observation or no valid 5-line block; the
    /// message names the workflow and the step.</exception>
    public static IReadOnlyList<DatasetRecord> Create(WorkflowSnapshot run, IReadOnlyDictionary<int, StoredObservation> observations, DatasetSettings settings)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(observations);
        var steps = PerformedSteps(run);
        var recorded = new List<RecordedStep>(steps.Count);
        var pages = new Dictionary<int, Observation>();
        foreach (var step in steps)
        {
            var where = $"Workflow '{run.Id}' step {step.Index + 1}";
            if (!observations.TryGetValue(step.Index, out var stored) || stored.Dom is null)
            {
                throw new ArgumentException(stored?.Reference is { } swept
                    ? $"{where}: its stored observation ({swept}) is gone from the artefact store (swept under Scribe:Workflow:ObservationRetention?)."
                    : $"{where} has no stored observation (were observations stored, Scribe:Workflow:StoreObservations?).", nameof(observations));
            }

            // The structured step; a record stored before it was kept has only its block.
            var block = step.Step;
            if (block is null && !ScribeStep.TryParse(step.Description ?? "", out block, out var error))
            {
                throw new ArgumentException($"{where} has no valid step block: {error}", nameof(run));
            }

            pages[step.Index] = new Observation { Url = stored.Url ?? step.UrlBefore ?? run.Spec.StartUrl, Dom = stored.Dom };
            recorded.Add(new RecordedStep
            {
                Index = step.Index,
                Description = block.Description,
                Action = block.Action,
                Node = step.Action?.NodeId ?? block.Node,
                Target = block.Target,
                Value = step.Action is { } action ? action.Kind == BrowserActionKind.Goto ? action.Url : action.Text : run.Answer,
                Url = step.UrlBefore,
            });
        }

        var recording = new RecordedWorkflow { Objective = run.Spec.Objective, StartUrl = run.Spec.StartUrl, Steps = [.. recorded] };
        return DatasetRecordFactory.Create(Key(run), recording, pages, Outcome(run), settings);
    }
}
