using ScribeActors.Agent.Recovery;

namespace ScribeActors.Grains.Workflows;

/// <summary>Reading a written ending back from storage, and writing it again when storage lost it
/// (<see cref="StoredEndingRule"/>).</summary>
public sealed partial class WorkflowGrain
{
    private IGrainTimer? _endingCheck;
    private int _endingChecksLeft;

    /// <summary>Starts (or restarts) the read-backs of the ending just written. The timer keeps this activation alive
    /// until they are done: the activation holding the ending is what can put it back.</summary>
    private void CheckEndingLater()
    {
        if (_options.EndingChecks == 0)
        {
            return;
        }

        _endingChecksLeft = _options.EndingChecks;
        _endingCheck?.Dispose();
        _endingCheck = this.RegisterGrainTimer(
            CheckEndingAsync,
            new GrainTimerCreationOptions(_options.EndingCheckPeriod, _options.EndingCheckPeriod) { Interleave = false, KeepAlive = true });
    }

    private async Task CheckEndingAsync(CancellationToken cancellationToken)
    {
        if (_stale || --_endingChecksLeft <= 0)
        {
            StopEndingChecks();
            if (_stale)
            {
                return;
            }
        }

        var mine = state.State;
        try
        {
            await state.ReadStateAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            state.State = mine; // storage is not answering (restarting): the next check reads again
            LogEndingCheckFailed(Id, e.Message);
            return;
        }

        var stored = state.State;
        var verdict = StoredEndingRule.Judge(mine.Version, state.RecordExists, stored.Version, stored.Status);
        state.State = mine;
        if (verdict == StoredEnding.Stored)
        {
            return;
        }

        // The ETag is the one just read: this write replaces the older record storage went back to.
        LogEndingLost(Id, mine.Status, mine.Version, state.RecordExists ? stored.Version : null, state.RecordExists ? stored.Status : null);
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogEndingCheckFailed(Id, e.Message); // read again at the next check
            return;
        }

        // What followed the ending may be lost with it: the index entry, the session's close, the reminder's removal.
        _indexBehind = true;
        await CompleteEndingAsync();
    }

    private void StopEndingChecks()
    {
        _endingCheck?.Dispose();
        _endingCheck = null;
    }
}
