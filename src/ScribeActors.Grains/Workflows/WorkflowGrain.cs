using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScribeActors.Abstractions;
using ScribeActors.Agent.GuardRails;
using ScribeActors.Agent.Recovery;
using ScribeActors.Agent.Success;
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
/// Writes go one at a time (Orleans queues an activation's storage operations); a write refused because the stored copy
/// changed makes this activation stale: it writes nothing more and hands over to a fresh activation, which decides from
/// what is stored exactly as after a crash (<see cref="RetryPolicy"/> says when to retry, wait, reopen or fail).
/// </remarks>
public sealed partial class WorkflowGrain(
    [PersistentState("workflow", StorageNames.State)] IPersistentState<WorkflowState> state,
    StepSourceFactory stepSources,
    IArtifactStore artifacts,
    IOptions<WorkflowOptions> options,
    ILocalSiloDetails localSilo,
    WorkflowWaker waker,
    [FromKeyedServices(ScribeClock.Key)] TimeProvider time,
    ILogger<WorkflowGrain> logger) : Grain, IWorkflowGrain, IRemindable
{
    private const string KeepAliveReminder = "keepalive";
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(20);

    private readonly WorkflowOptions _options = options.Value;
    private readonly RetryLimits _limits = options.Value.ToRetryLimits();
    private readonly LoopLimits _loopLimits = options.Value.ToLoopLimits();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _loopCancellation;
    private CancellationTokenSource? _deadlineWatch;
    private Task? _loop;
    private IStepSource? _source;
    private Observation? _nextObservation;
    private bool _outcomeUnsaved;
    private bool _stale;
    private bool _indexBehind;
    private bool _reopenSession;
    private bool _recoverLostSteps;

    // Who writes this activation's copies, and who wrote the copy it started from (see LostWritesRule).
    private readonly string _writerId = Guid.NewGuid().ToString("N");
    private string? _basedOn;

    // This activation opened the session at the start URL (its stored record said no session was open), which replaces
    // any context the session had; and the workflow's record is behind that context's page (steps recovered from the
    // session's own record after such an open), so the page is treated as rebuilt.
    private bool _openedAfresh;
    private bool _contextBehindRecord;
    private int? _returnedInEpoch;

    private string Id => this.GetPrimaryKeyString();

    /// <summary>The workflow as this activation knows it: what it loaded or last wrote, plus the change in hand.</summary>
    private WorkflowState Current => state.State;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _basedOn = Current.WriterId;
        await RedactStoredSecretsAsync();
        if (Current.Status == WorkflowStatus.Running)
        {
            // An activation that finds the workflow running means the previous one was lost (or deactivated).
            StartLoop(resumed: true);
        }
    }

    /// <inheritdoc />
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await StopLoopAsync(cancellationToken);
        if (_stale)
        {
            // The next activation reads what is stored and carries on; don't wait for the reminder.
            waker.WakeSoon(Id);
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    async Task<WorkflowSnapshot> IWorkflowGrain.StartAsync(WorkflowSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = SuccessRule.ValidateSpec(spec);
        if (errors.Count > 0)
        {
            throw new InvalidWorkflowSpecException(errors);
        }

        ThrowIfStale();
        if (Current.Spec is not null)
        {
            return SameSpec(Current.Spec, spec) ? Snapshot() : throw new WorkflowConflictException(Id);
        }

        _source = stepSources.Create(spec);
        var now = time.GetUtcNow();
        Current.Spec = spec;
        Current.Status = WorkflowStatus.Running;
        Current.CreatedAt = now;
        await PersistAsync();

        // The index entry and the reminder are independent of each other; both are in place before the caller hears back.
        await Task.WhenAll(UpdateIndexAsync(), this.RegisterOrUpdateReminder(KeepAliveReminder, _options.KeepAlivePeriod, _options.KeepAlivePeriod));
        LogStarted(Id, spec.Objective, spec.StartUrl);
        StartLoop(resumed: false);
        return Snapshot();
    }

    Task<WorkflowSnapshot> IWorkflowGrain.GetAsync(CancellationToken cancellationToken)
    {
        // A stale activation's memory holds a change storage refused (an ending, say): never shown as the workflow.
        ThrowIfStale();
        return Task.FromResult(Current.Spec is null ? throw NotFound() : Snapshot());
    }

    async Task<WorkflowSnapshot> IWorkflowGrain.WaitForChangeAsync(long afterVersion, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        if (Current.Spec is null)
        {
            throw NotFound();
        }

        ThrowIfStale();
        if (Current.Version == afterVersion)
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

        // A watcher must not keep a stale activation from going away, nor see what it holds in memory.
        ThrowIfStale();
        return Snapshot();
    }

    async Task<WorkflowSnapshot> IWorkflowGrain.PauseAsync()
    {
        ThrowIfUnknownOrStale();
        if (Current.Status is WorkflowStatus.Running or WorkflowStatus.Pending)
        {
            Current.Status = WorkflowStatus.Paused;
            await PersistAsync(statusChanged: true);
            LogStatus(Id, Current.Status, null);
        }

        return Snapshot();
    }

    async Task<WorkflowSnapshot> IWorkflowGrain.ResumeAsync()
    {
        ThrowIfUnknownOrStale();
        if (Current.Status == WorkflowStatus.Paused)
        {
            Current.Status = WorkflowStatus.Running;
            await PersistAsync(statusChanged: true);
            await this.RegisterOrUpdateReminder(KeepAliveReminder, _options.KeepAlivePeriod, _options.KeepAlivePeriod);
            LogStatus(Id, Current.Status, null);
            StartLoop(resumed: false);
        }

        return Snapshot();
    }

    async Task<WorkflowSnapshot> IWorkflowGrain.CancelAsync(string? reason)
    {
        ThrowIfUnknownOrStale();
        if (!IsTerminal(Current.Status))
        {
            await StopNowAsync(WorkflowStatus.Cancelled, string.IsNullOrWhiteSpace(reason) ? "Cancelled by the user." : reason, "Cancelled while acting; outcome unknown.");
        }

        return Snapshot();
    }

    /// <summary>Ends the workflow now, whatever its step loop is doing (a cancel, or the deadline of its time budget): a
    /// step in flight is recorded as done with <paramref name="actingNote"/>, and the loop stops at its next await.</summary>
    private async Task StopNowAsync(WorkflowStatus status, string reason, string actingNote)
    {
        Current.Status = status;
        Current.FailureReason = reason;
        CloseStepsInFlight(actingNote);
        _loopCancellation?.Cancel();
        await PersistAsync(statusChanged: true);

        // Closed in the background: the session may still be finishing the action in flight, and the caller
        // should not wait for that. The session grain serialises the close after it; the reminder stays until then.
        _ = CloseSessionAndForgetAsync();
        LogStatus(Id, Current.Status, Current.FailureReason);
    }

    async Task IWorkflowGrain.WakeAsync()
    {
        if (_stale || Current.Spec is null)
        {
            return;
        }

        if (Current.Status == WorkflowStatus.Running)
        {
            StartLoop(resumed: false);
            return;
        }

        // A finished workflow woken by the waker (the index still lists it as running): bring the index up to date and
        // finish what its ending may have left undone.
        if (IsTerminal(Current.Status))
        {
            _indexBehind = true;
            await CompleteEndingAsync();
        }
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (_stale)
        {
            return;
        }

        if (Current.Spec is null)
        {
            await UnregisterKeepAliveAsync();
            return;
        }

        if (IsTerminal(Current.Status))
        {
            await CompleteEndingAsync();
            return;
        }

        if (Current.Status == WorkflowStatus.Running)
        {
            StartLoop(resumed: false);
        }
    }

    /// <summary>Records a step whose outcome the workflow will never learn (it ends first) as done with <paramref name="note"/>.</summary>
    private void CloseStepsInFlight(string note)
    {
        for (var i = 0; i < Current.Steps.Count; i++)
        {
            if (Current.Steps[i].Phase != StepPhase.Done)
            {
                Current.Steps[i] = Current.Steps[i] with { Phase = StepPhase.Done, Note = note, FinishedAt = time.GetUtcNow() };
            }
        }
    }

    private IBrowserSessionGrain Session => GrainFactory.GetGrain<IBrowserSessionGrain>(Id);

    private IStepSource Source => _source ??= stepSources.Create(Current.Spec!);

    private WorkflowSnapshot Snapshot() => new()
    {
        Id = Id,
        Spec = Current.Spec!,
        Status = Current.Status,
        FailureReason = Current.FailureReason,
        Steps = [.. Current.Steps],
        CreatedAt = Current.CreatedAt,
        UpdatedAt = Current.UpdatedAt,
        Version = Current.Version,
        Answer = Current.Answer,
        Resumptions = Current.Resumptions,
        Silo = localSilo.SiloAddress.ToString(),
        Verification = Current.Verification,
        VerificationNote = Current.VerificationNote,
    };

    private WorkflowNotFoundException NotFound() => new(Id);

    private void ThrowIfStale()
    {
        if (_stale)
        {
            throw new WorkflowUnavailableException(Id);
        }
    }

    private void ThrowIfUnknownOrStale()
    {
        if (Current.Spec is null)
        {
            throw NotFound();
        }

        ThrowIfStale();
    }

    private static bool IsTerminal(WorkflowStatus status) =>
        status is WorkflowStatus.Succeeded or WorkflowStatus.Failed or WorkflowStatus.Cancelled;

    private static bool SameSpec(WorkflowSpec a, WorkflowSpec b) =>
        JsonSerializer.Serialize(a) == JsonSerializer.Serialize(b);
}
