using System.Runtime.CompilerServices;
using ScribeActors.Abstractions;

namespace ScribeActors.Client;

/// <summary>
/// The ScribeActors SDK: start, inspect, watch, pause, resume, cancel and schedule durable web workflows.
/// Thread-safe; register one per process (see <see cref="Hosting.ScribeClientHostingExtensions.AddScribeClient"/>).
/// Against a cluster with API keys, every call throws <see cref="ScribeUnauthorizedException"/> (and changes nothing)
/// unless <see cref="ScribeClientOptions.ApiKey"/> holds one of them.
/// </summary>
public sealed class ScribeClient
{
    private static readonly TimeSpan WatchPoll = TimeSpan.FromSeconds(15);
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;

    /// <summary>Creates the client over an Orleans cluster client (or a silo's own grain factory).</summary>
    public ScribeClient(IGrainFactory grains, TimeProvider? time = null)
    {
        _grains = grains ?? throw new ArgumentNullException(nameof(grains));
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Starts a workflow and returns its first snapshot. <paramref name="workflowId"/> defaults to a new id; starting
    /// again with the same id and spec returns the existing workflow. Throws <see cref="InvalidWorkflowSpecException"/>
    /// (before contacting the cluster) when the spec is invalid, listing every problem.
    /// </summary>
    public Task<WorkflowSnapshot> StartAsync(WorkflowSpec spec, string? workflowId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = spec.Validate();
        if (errors.Count > 0)
        {
            throw new InvalidWorkflowSpecException(errors);
        }

        workflowId ??= NewWorkflowId();
        return Traced("start", workflowId, () => RetryUnavailableAsync(() => Workflow(workflowId).StartAsync(spec, cancellationToken), cancellationToken));
    }

    /// <summary>Returns the workflow's snapshot; throws <see cref="WorkflowNotFoundException"/> for an unknown id.</summary>
    public Task<WorkflowSnapshot> GetAsync(string workflowId, CancellationToken cancellationToken = default) =>
        Traced("get", workflowId, () => RetryUnavailableAsync(() => Workflow(workflowId).GetAsync(cancellationToken), cancellationToken));

    /// <summary>
    /// Streams the workflow's events as they happen: first its current status and the steps taken so far, then each
    /// change, until the workflow finishes (the last event is the terminal status) or <paramref name="cancellationToken"/>
    /// fires. Survives client reconnects and silo failover: lost calls are retried and nothing is skipped, because
    /// events are derived from the workflow's durable state.
    /// </summary>
    public async IAsyncEnumerable<WorkflowEvent> WatchAsync(string workflowId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var tracker = new WorkflowEventTracker();
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            WorkflowSnapshot snapshot;
            try
            {
                snapshot = await Workflow(workflowId).WaitForChangeAsync(tracker.Version, WatchPoll, cancellationToken);
                failures = 0;
            }
            catch (WorkflowNotFoundException)
            {
                throw;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested && ++failures <= 120)
            {
                // The silo hosting the workflow may be failing over; the workflow's state is durable, so just ask again.
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(250 * failures, 2000)), _time, cancellationToken);
                continue;
            }

            foreach (var e in tracker.Diff(snapshot))
            {
                yield return e;
            }

            if (snapshot.IsTerminal)
            {
                yield break;
            }
        }
    }

    /// <summary>Waits until the workflow finishes and returns its final snapshot.</summary>
    public Task<WorkflowSnapshot> WaitForCompletionAsync(string workflowId, CancellationToken cancellationToken = default) =>
        Traced("wait", workflowId, () => WaitUntilFinishedAsync(workflowId, cancellationToken));

    private async Task<WorkflowSnapshot> WaitUntilFinishedAsync(string workflowId, CancellationToken cancellationToken)
    {
        WorkflowSnapshot? last = null;
        await foreach (var e in WatchAsync(workflowId, cancellationToken))
        {
            last = e.Snapshot;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return last ?? await GetAsync(workflowId, cancellationToken);
    }

    /// <summary>Pauses a running workflow after its current step.</summary>
    public Task<WorkflowSnapshot> PauseAsync(string workflowId) => Traced("pause", workflowId, () => RetryUnavailableAsync(() => Workflow(workflowId).PauseAsync()));

    /// <summary>Resumes a paused workflow.</summary>
    public Task<WorkflowSnapshot> ResumeAsync(string workflowId) => Traced("resume", workflowId, () => RetryUnavailableAsync(() => Workflow(workflowId).ResumeAsync()));

    /// <summary>Cancels a workflow and closes its browser session.</summary>
    public Task<WorkflowSnapshot> CancelAsync(string workflowId, string? reason = null) => Traced("cancel", workflowId, () => RetryUnavailableAsync(() => Workflow(workflowId).CancelAsync(reason)));

    /// <summary>Returns the page the workflow observed before step <paramref name="stepIndex"/> (0-based), as it was stored
    /// (secret values masked); <see cref="StoredObservation.Dom"/> is <see langword="null"/> when nothing is stored for it.
    /// Throws <see cref="WorkflowNotFoundException"/> for an unknown id.</summary>
    public Task<StoredObservation> GetObservationAsync(string workflowId, int stepIndex, CancellationToken cancellationToken = default) =>
        Traced("get_observation", workflowId, () => RetryUnavailableAsync(() => Workflow(workflowId).GetObservationAsync(new StoredObservationRequest { StepIndex = stepIndex }, cancellationToken), cancellationToken));

    /// <summary>Lists workflows, newest first, optionally only those with <paramref name="status"/>.</summary>
    public Task<WorkflowSummary[]> ListAsync(WorkflowStatus? status = null) =>
        Traced("list", null, () => _grains.GetGrain<IWorkflowIndexGrain>(IWorkflowIndexGrain.DefaultKey).ListAsync(status));

    /// <summary>Creates or replaces a schedule. Throws <see cref="InvalidScheduleException"/> for a bad cron expression,
    /// time zone or workflow spec.</summary>
    public Task<ScheduleSnapshot> CreateScheduleAsync(string scheduleId, ScheduleSpec spec)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scheduleId);
        return Traced("create_schedule", null, () => _grains.GetGrain<IScheduleGrain>(scheduleId).CreateAsync(spec));
    }

    /// <summary>Returns a schedule; throws <see cref="ScheduleNotFoundException"/> for an unknown id.</summary>
    public Task<ScheduleSnapshot> GetScheduleAsync(string scheduleId) => _grains.GetGrain<IScheduleGrain>(scheduleId).GetAsync();

    /// <summary>Lists every schedule.</summary>
    public async Task<ScheduleSnapshot[]> ListSchedulesAsync()
    {
        var ids = await _grains.GetGrain<IScheduleIndexGrain>(IScheduleIndexGrain.DefaultKey).ListAsync();
        return await Task.WhenAll(ids.Select(id => _grains.GetGrain<IScheduleGrain>(id).GetAsync()));
    }

    /// <summary>Deletes a schedule; throws <see cref="ScheduleNotFoundException"/> for an unknown id.</summary>
    public Task DeleteScheduleAsync(string scheduleId) => _grains.GetGrain<IScheduleGrain>(scheduleId).DeleteAsync();

    /// <summary>A new workflow id: <c>wf-</c> followed by a sortable time stamp and random suffix.</summary>
    public string NewWorkflowId() => $"wf-{_time.GetUtcNow():yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Runs a workflow request again while the workflow reports itself unavailable (an activation handing over
    /// after a storage conflict, which changes nothing): a few times, a moment apart.</summary>
    private async Task<T> RetryUnavailableAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (WorkflowUnavailableException) when (attempt < 5)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), _time, cancellationToken);
            }
        }
    }

    private Task<T> Traced<T>(string operation, string? workflowId, Func<Task<T>> call) => ScribeClientTelemetry.TraceAsync(operation, workflowId, _time, call);

    private IWorkflowGrain Workflow(string workflowId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workflowId);
        return _grains.GetGrain<IWorkflowGrain>(workflowId);
    }
}
