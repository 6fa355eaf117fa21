using ScribeActors.Abstractions;
using ScribeActors.Browser.Recording;
using ScribeActors.Cli.Infrastructure;
using ScribeActors.DemoSites.Tasks;

namespace ScribeActors.Cli.Evaluation;

/// <summary>One task instance run by a model through the whole runtime and judged by the demo site's server check.</summary>
/// <param name="Model">The label of the model (as the report shows it).</param>
/// <param name="TaskId">The task template.</param>
/// <param name="Seed">The instance's seed (parameters and layout).</param>
/// <param name="Succeeded">Whether the site's server state shows the objective reached.</param>
/// <param name="Status">How the workflow ended.</param>
/// <param name="Steps">Steps the workflow took.</param>
/// <param name="Failure">Why the workflow failed, when it did.</param>
/// <param name="Check">What the server check found.</param>
/// <param name="Seconds">Wall time of the instance.</param>
internal sealed record OnlineInstanceResult(string Model, string TaskId, int Seed, bool Succeeded, string Status, int Steps, string? Failure, string Check, double Seconds)
{
    /// <summary>Milliseconds each step took to decide (for a model: the inference grain's prune, fit, prefill and decode, as
    /// the workflow grain measured the call).</summary>
    public IReadOnlyList<double> DecideMs { get; init; } = [];

    /// <summary>What each step did, one line each: the step's description, the action and its outcome.
    /// The report lists them under an instance that did not succeed, so a failure can be read without rerunning it.</summary>
    public IReadOnlyList<string> Trace { get; init; } = [];

    /// <summary>One step as a line of <see cref="Trace"/>: its number, what it meant and did (as <c>scribe watch</c>
    /// prints it) and its outcome.</summary>
    public static string TraceLine(StepRecord step)
    {
        var outcome = step.Outcome is null ? step.Note ?? "no outcome" : step.Outcome.Succeeded ? "ok" : step.Outcome.ToString();
        return $"{step.Index + 1}. {EventPrinter.Describe(step)}: {outcome}";
    }
}

/// <summary>
/// Runs held-out task instances through the runtime with a model as the step source (silo, workflow, browser and
/// inference grains, Azurite, Chromium): the sites are reset to the instance's seed, the workflow runs to its end,
/// and the sites' server check judges it. Instances run one after another: the sites hold one seed at a time.
/// </summary>
internal sealed class OnlineEvaluation(EmbeddedRuntime runtime, TimeProvider time)
{
    /// <summary>Longest wait for one workflow before it is cancelled and counted as failed.</summary>
    public TimeSpan InstanceTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Runs <paramref name="taskId"/> at <paramref name="seed"/> with <paramref name="model"/> as the step source.</summary>
    public Task<OnlineInstanceResult> RunModelAsync(string label, ModelRef model, string taskId, int seed, int maxSteps, CancellationToken cancellationToken) =>
        RunAsync(label, taskId, seed, _ => Task.FromResult((StepSourceSpec.ForModel(model), maxSteps)), cancellationToken);

    /// <summary>Runs <paramref name="taskId"/> at <paramref name="seed"/> by replaying its expert solution recorded on this
    /// very instance: the ceiling of the harness (every instance should succeed), checked in the same run. Its step
    /// budget is the recording's length plus 10, as <c>scribe demo</c> gives a replay.</summary>
    public Task<OnlineInstanceResult> RunExpertAsync(string label, string taskId, int seed, CancellationToken cancellationToken) =>
        RunAsync(label, taskId, seed, async task =>
        {
            var recording = await runtime.Browsers.RecordAsync(task.Objective, task.StartUrl, task.Script, [runtime.SitesHost], $"eval:{task.Id} seed={seed}", cancellationToken: cancellationToken);
            runtime.Sites.Reset(seed); // undo the recording's effects: the replay must do the work
            return (StepSourceSpec.ForReplay(recording), recording.Steps.Length + 10);
        }, cancellationToken);

    private async Task<OnlineInstanceResult> RunAsync(string label, string taskId, int seed, Func<DemoTask, Task<(StepSourceSpec Source, int MaxSteps)>> source, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        runtime.Sites.Reset(seed);
        var task = DemoTaskCatalog.Get(runtime.Sites.BaseUrl, seed, taskId);
        var (stepSource, maxSteps) = await source(task);
        var workflow = await runtime.Client.StartAsync(new WorkflowSpec
        {
            Objective = task.Objective,
            StartUrl = task.StartUrl,
            AllowedHosts = [runtime.SitesHost],
            MaxSteps = maxSteps,
            StepSource = stepSource,
        }, cancellationToken: cancellationToken);

        WorkflowSnapshot final;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(InstanceTimeout);
            try
            {
                final = await runtime.Client.WaitForCompletionAsync(workflow.Id, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                final = await runtime.Client.CancelAsync(workflow.Id, $"no end after {InstanceTimeout.TotalMinutes:0.#} minutes (scribe eval)");
            }
        }

        var check = task.Check(runtime.Sites.GetState());
        return new OnlineInstanceResult(label, taskId, seed, check.Succeeded, final.Status.ToString(), final.Steps.Length, final.FailureReason, check.Reason,
            time.GetElapsedTime(started).TotalSeconds)
        {
            DecideMs = [.. final.Steps.Select(s => Math.Round(s.DecideMs, 1))],
            Trace = [.. final.Steps.Select(OnlineInstanceResult.TraceLine)],
        };
    }
}
