using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScribeActors.Abstractions;
using ScribeActors.Grains.Storage;

namespace ScribeActors.Grains.Workflows;

/// <summary>
/// A durable workflow: a small state machine that observes, decides, acts and records, one step at a time.
/// </summary>
/// <remarks>
/// Grain rules kept here: the step loop runs as a background task on the grain scheduler (never inside a request turn,
/// so no call blocks past the response timeout; other calls interleave at its awaits, so it re-checks the status after
/// each await); time comes from the injected <see cref="TimeProvider"/>; the intent of each action is persisted before
/// the action and its outcome after; a reminder keeps the workflow alive and brings it back after a silo failure.
/// </remarks>
public sealed partial class WorkflowGrain(
    [PersistentState("workflow", StorageNames.State)] IPersistentState<WorkflowState> state,
    StepSourceFactory stepSources,
    IArtifactStore artifacts,
    IOptions<WorkflowOptions> options,
    ILocalSiloDetails localSilo,
    [FromKeyedServices(ScribeClock.Key)] TimeProvider time,
    ILogger<WorkflowGrain> logger) : Grain, IWorkflowGrain, IRemindable
{
    private const string KeepAliveReminder = "keepalive";
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(20);

    private readonly WorkflowOptions _options = options.Value;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _loopCancellation;
    private Task? _loop;
    private IStepSource? _source;
    private Observation? _nextObservation;
    private bool _outcomeUnsaved;

    private string Id => this.GetPrimaryKeyString();

    private WorkflowState S => state.State;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await RedactStoredSecretsAsync();
        if (S.Status == WorkflowStatus.Running)
        {
            // An activation that finds the workflow running means the previous one was lost (or deactivated).
            StartLoop(resumed: true);
        }
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await StopLoopAsync(cancellationToken);
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    async Task<WorkflowSnapshot> IWorkflowGrain.StartAsync(WorkflowSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = spec.Validate();
        if (errors.Count > 0)
        {
            throw new InvalidWorkflowSpecException(errors);
        }

        if (S.Spec is not null)
        {
            return SameSpec(S.Spec, spec) ? Snapshot() : throw new WorkflowConflictException(Id);
        }

        _source = stepSources.Create(spec);
        var now = time.GetUtcNow();
        S.Spec = spec;
        S.Status = WorkflowStatus.Running;
        S.CreatedAt = now;
        await PersistAsync(statusChanged: true);
        await this.RegisterOrUpdateReminder(KeepAliveReminder, _options.KeepAlivePeriod, _options.KeepAlivePeriod);
        LogStarted(Id, spec.Objective, spec.StartUrl);
        StartLoop(resumed: false);
        return Snapshot();
    }

    Task<WorkflowSnapshot> IWorkflowGrain.GetAsync(CancellationToken cancellationToken) =>
        Task.FromResult(S.Spec is null ? throw NotFound() : Snapshot());

    async Task<WorkflowSnapshot> IWorkflowGrain.WaitForChangeAsync(long afterVersion, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        if (S.Spec is null)
        {
            throw NotFound();
        }

        if (S.Version <= afterVersion)
        {
            var wait = maxWait > MaxWait ? MaxWait : maxWait < TimeSpan.Zero ? TimeSpan.Zero : maxWait;
            try
            {
                await _changed.Task.WaitAsync(wait, time, cancellationToken);
            }
            catch (TimeoutException)
            {
            }
        }

        return Snapshot();
    }

    async Task<WorkflowSnapshot> IWorkflowGrain.PauseAsync()
    {
        if (S.Spec is null)
        {
            throw NotFound();
        }

        if (S.Status is WorkflowStatus.Running or WorkflowStatus.Pending)
        {
            S.Status = WorkflowStatus.Paused;
            await PersistAsync(statusChanged: true);
            LogStatus(Id, S.Status, null);
        }

        return Snapshot();
    }

    async Task<WorkflowSnapshot> IWorkflowGrain.ResumeAsync()
    {
        if (S.Spec is null)
        {
            throw NotFound();
        }

        if (S.Status == WorkflowStatus.Paused)
        {
            S.Status = WorkflowStatus.Running;
            await PersistAsync(statusChanged: true);
            await this.RegisterOrUpdateReminder(KeepAliveReminder, _options.KeepAlivePeriod, _options.KeepAlivePeriod);
            LogStatus(Id, S.Status, null);
            StartLoop(resumed: false);
        }

        return Snapshot();
    }

    async Task<WorkflowSnapshot> IWorkflowGrain.CancelAsync(string? reason)
    {
        if (S.Spec is null)
        {
            throw NotFound();
        }

        if (!IsTerminal(S.Status))
        {
            S.Status = WorkflowStatus.Cancelled;
            S.FailureReason = string.IsNullOrWhiteSpace(reason) ? "Cancelled by the user." : reason;
            for (var i = 0; i < S.Steps.Count; i++)
            {
                if (S.Steps[i].Phase != StepPhase.Done)
                {
                    S.Steps[i] = S.Steps[i] with { Phase = StepPhase.Done, Note = "Cancelled while acting; outcome unknown.", FinishedAt = time.GetUtcNow() };
                }
            }

            _loopCancellation?.Cancel();
            await PersistAsync(statusChanged: true);
            await UnregisterKeepAliveAsync();

            // Closed in the background: the session may still be finishing the action in flight, and the caller
            // should not wait for that. The session grain serialises the close after it.
            _ = CloseSessionAsync();
            LogStatus(Id, S.Status, S.FailureReason);
        }

        return Snapshot();
    }

    Task IWorkflowGrain.WakeAsync()
    {
        if (S.Status == WorkflowStatus.Running)
        {
            StartLoop(resumed: false);
        }

        return Task.CompletedTask;
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (S.Spec is null || IsTerminal(S.Status))
        {
            await UnregisterKeepAliveAsync();
            return;
        }

        if (S.Status == WorkflowStatus.Running)
        {
            StartLoop(resumed: false);
        }
    }

    private IBrowserSessionGrain Session => GrainFactory.GetGrain<IBrowserSessionGrain>(Id);

    private IStepSource Source => _source ??= stepSources.Create(S.Spec!);

    private WorkflowSnapshot Snapshot() => new()
    {
        Id = Id,
        Spec = S.Spec!,
        Status = S.Status,
        FailureReason = S.FailureReason,
        Steps = [.. S.Steps],
        CreatedAt = S.CreatedAt,
        UpdatedAt = S.UpdatedAt,
        Version = S.Version,
        Answer = S.Answer,
        Resumptions = S.Resumptions,
        Silo = localSilo.SiloAddress.ToString(),
    };

    private async Task PersistAsync(bool statusChanged = false)
    {
        _outcomeUnsaved = false;
        S.Version++;
        S.UpdatedAt = time.GetUtcNow();
        await state.WriteStateAsync();
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
        if (statusChanged)
        {
            await GrainFactory.GetGrain<IWorkflowIndexGrain>(IWorkflowIndexGrain.DefaultKey).UpsertAsync(new WorkflowSummary
            {
                Id = Id,
                Objective = S.Spec!.Objective,
                Status = S.Status,
                StepCount = S.Steps.Count,
                CreatedAt = S.CreatedAt,
                UpdatedAt = S.UpdatedAt,
                FailureReason = S.FailureReason,
            });
        }
    }

    private async Task UnregisterKeepAliveAsync()
    {
        var reminder = await this.GetReminder(KeepAliveReminder);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private async Task CloseSessionAsync()
    {
        try
        {
            await Session.CloseAsync();
        }
        catch (Exception e)
        {
            LogCloseFailed(Id, e);
        }
    }

    private WorkflowNotFoundException NotFound() => new(Id);

    private static bool IsTerminal(WorkflowStatus status) =>
        status is WorkflowStatus.Succeeded or WorkflowStatus.Failed or WorkflowStatus.Cancelled;

    private static bool SameSpec(WorkflowSpec a, WorkflowSpec b) =>
        JsonSerializer.Serialize(a) == JsonSerializer.Serialize(b);
}
