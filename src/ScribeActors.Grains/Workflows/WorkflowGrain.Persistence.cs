using Orleans.Storage;
using ScribeActors.Abstractions;
using ScribeActors.Agent.Recovery;
using ScribeActors.Agent.Success;

namespace ScribeActors.Grains.Workflows;

/// <summary>Writing the workflow's state, keeping the index in step, and the endings (a finished workflow closes its
/// browser session and stops its reminder).</summary>
public sealed partial class WorkflowGrain
{
    /// <summary>Writes the state. A conflict makes this activation stale (see <see cref="BecomeStale"/>) and is rethrown
    /// as <see cref="WorkflowUnavailableException"/>: nothing this activation holds in memory is written after it.</summary>
    private async Task PersistAsync(bool statusChanged = false)
    {
        ThrowIfStale();
        _outcomeUnsaved = false;
        Current.Version++;
        Current.UpdatedAt = time.GetUtcNow();
        Current.WriterId = _writerId;
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException e)
        {
            if (!await WriteBackAfterLostWritesAsync())
            {
                BecomeStale(e.Message);
                throw new WorkflowUnavailableException(Id);
            }
        }

        if (IsTerminal(Current.Status))
        {
            CheckEndingLater();
        }

        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
        if (statusChanged || _indexBehind)
        {
            await UpdateIndexAsync();
        }
    }

    /// <summary>Tells the index the current status. The index is a view: a failure leaves it behind for the next write or
    /// wake to bring up to date, and never costs the workflow a step.</summary>
    private async Task UpdateIndexAsync()
    {
        try
        {
            await GrainFactory.GetGrain<IWorkflowIndexGrain>(IWorkflowIndexGrain.DefaultKey).UpsertAsync(new WorkflowSummary
            {
                Id = Id,
                Objective = Current.Spec!.Objective,
                Status = Current.Status,
                StepCount = Current.Steps.Count,
                CreatedAt = Current.CreatedAt,
                UpdatedAt = Current.UpdatedAt,
                FailureReason = Current.FailureReason,
                Verification = Current.Verification,
                Schedule = Current.Spec.Labels.GetValueOrDefault(ScheduleSpec.ScheduleLabel),
            });
            _indexBehind = false;
        }
        catch (Exception e)
        {
            _indexBehind = true;
            LogIndexBehind(Id, e.Message);
        }
    }

    /// <summary>
    /// After a conflict: when storage went back to a copy this activation wrote or started from, or holds no record at
    /// all (<see cref="LostWritesRule"/>: an emulator restarted on older data lost writes it had acknowledged), no other
    /// activation wrote, so this activation's copy is the truth and is written back; the workflow goes on. Returns false
    /// when another activation wrote (then this one is stale) or the write-back conflicts too.
    /// </summary>
    private async Task<bool> WriteBackAfterLostWritesAsync()
    {
        var mine = state.State;
        try
        {
            await state.ReadStateAsync();
        }
        catch (Exception)
        {
            state.State = mine; // storage did not answer: the loop waits it out and this is tried again
            throw;
        }

        var stored = state.State;
        state.State = mine;
        if (!LostWritesRule.StorageWentBack(state.RecordExists, stored.WriterId, stored.Version, _writerId, _basedOn, mine.Version))
        {
            return false;
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            return false;
        }

        LogRecordWrittenBack(Id, mine.Version, mine.Steps.Count, state.RecordExists ? stored.Version : null);
        return true;
    }

    /// <summary>
    /// The stored state changed under this activation (another activation wrote, or storage lost writes it had
    /// acknowledged). Its memory can no longer be trusted: it stops its loop, writes nothing more and deactivates; the
    /// next activation reads what is stored and resumes from it as after a crash (an action whose intent is stored but
    /// whose outcome is not is resolved by <see cref="Agent.Recovery.InterruptedActionRule"/>).
    /// </summary>
    private void BecomeStale(string why)
    {
        if (_stale)
        {
            return;
        }

        _stale = true;
        _loopCancellation?.Cancel();
        LogStale(Id, why);
        _changed.TrySetResult(); // release watchers: they get an error and ask the next activation
        this.DeactivateOnIdle();
    }

    /// <summary>Ends the workflow as succeeded on a finish that <see cref="SuccessRule"/> accepted; the verdict says
    /// whether criteria were checked (and what they saw) or the success is the step source's word only.</summary>
    private async Task FinishAsync(StepRecord step, StepDecision decision, Observation observation, SuccessVerdict verdict)
    {
        var note = decision.Note is null ? verdict.Reason : $"{decision.Note} {verdict.Reason}";
        Current.Steps.Add(step with { Phase = StepPhase.Done, UrlAfter = observation.Url, FinishedAt = time.GetUtcNow(), Note = note });
        Current.Cursor = decision.NextCursor;
        Current.Answer = decision.Answer;
        Current.Verification = verdict.Verified ? SuccessVerification.Verified : SuccessVerification.Unverified;
        Current.VerificationNote = verdict.Reason;
        await EndAsync(WorkflowStatus.Succeeded, null);
    }

    private Task FailAsync(string reason) => EndAsync(WorkflowStatus.Failed, reason);

    /// <summary>Ends the workflow: the ending is written, then the browser session closed (its context and checkpoint
    /// go). The reminder is what makes the close durable: it stays until a close worked, and a finished workflow's
    /// reminder tick tries again (after a crash between the two, or a close that failed).</summary>
    private async Task EndAsync(WorkflowStatus status, string? reason)
    {
        Current.Status = status;
        Current.FailureReason = reason;
        await PersistAsync(statusChanged: true);
        LogStatus(Id, Current.Status, reason);
        await CompleteEndingAsync();
    }

    /// <summary>What an ending may have left undone: the session close (then the reminder goes) and the index entry.</summary>
    private async Task CompleteEndingAsync()
    {
        if (_indexBehind)
        {
            await UpdateIndexAsync();
        }

        if (await TryCloseSessionAsync())
        {
            await UnregisterKeepAliveAsync();
        }
    }

    private async Task CloseSessionAndForgetAsync()
    {
        try
        {
            await CompleteEndingAsync();
        }
        catch (Exception e)
        {
            LogCloseFailed(Id, e);
        }
    }

    private async Task<bool> TryCloseSessionAsync()
    {
        try
        {
            await Session.CloseAsync();
            return true;
        }
        catch (Exception e)
        {
            LogCloseFailed(Id, e);
            return false;
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
}
