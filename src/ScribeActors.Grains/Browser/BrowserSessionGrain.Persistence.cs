using Orleans.Storage;
using Microsoft.Extensions.Logging;
using ScribeActors.Abstractions;
using ScribeActors.Browser;

namespace ScribeActors.Grains.Browser;

// What the session makes durable: its checkpoint, the requests its actions let out, and how a write that found the
// stored copy changed is resolved.
public sealed partial class BrowserSessionGrain
{
    /// <summary>
    /// Called by the browser (off this grain's scheduler) before the first request that may change server state leaves
    /// during the action in flight; the request waits for this. Recording it durably first means that, if the browser
    /// dies before the action's result is recorded, recovery knows a server may have acted and never repeats the action;
    /// and knows the opposite when no such record exists. Also called for a download the action started (already on
    /// the server), and for the page such a request led to (where recovery goes on from).
    /// </summary>
    private Task RecordSentAsync(IBrowserSession? from, SentRequest sent) =>
        Task.Factory.StartNew(
            async () =>
            {
                if (from is null || !ReferenceEquals(from, _session))
                {
                    // A context this grain gave up on (it stopped answering) must not send anything: failing the report
                    // holds the request back, and nothing is recorded against the action in flight now.
                    throw new BrowserUnavailableException("The browser context was closed: it had stopped answering.");
                }

                if (sent.Landing)
                {
                    if (state.State.SentActionId != _actionInFlight)
                    {
                        return; // it follows a request of an earlier action; nothing to add
                    }

                    state.State.SentLandingUrl = sent.Url;
                }
                else
                {
                    (state.State.SentActionId, state.State.SentRequest, state.State.SentLandingUrl, state.State.SentIdempotencyKey) = (_actionInFlight, sent.ToString(), null, sent.IdempotencyKey);
                }

                await WriteStateAsync(CancellationToken.None);
                LogSent(this.GetPrimaryKeyString(), _actionInFlight, sent.ToString());
            },
            CancellationToken.None,
            TaskCreationOptions.None,
            _scheduler ?? TaskScheduler.Current).Unwrap();


    /// <summary>Reads the live context's checkpoint and makes it durable. Unless <paramref name="forceWrite"/>, a checkpoint
    /// equal to the one last written is not written again.</summary>
    private async Task CheckpointAsync(bool forceWrite, CancellationToken cancellationToken)
    {
        if (_session is null)
        {
            return;
        }

        var checkpoint = await AnsweredAsync(_session.CheckpointAsync(cancellationToken), "reading the checkpoint");
        state.State.Url = checkpoint.Url;
        state.State.StorageStateJson = checkpoint.StorageStateJson;
        if (!forceWrite && _written == (checkpoint.Url, checkpoint.StorageStateJson))
        {
            return;
        }

        await WriteStateAsync(cancellationToken);
    }

    private async Task WriteStateAsync(CancellationToken cancellationToken)
    {
        state.State.WriterId = _writerId;
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch (InconsistentStateException conflict)
        {
            await ResolveConflictAsync(conflict, cancellationToken);
        }

        _written = (state.State.Url, state.State.StorageStateJson);
    }

    /// <summary>
    /// The stored checkpoint changed under this activation: storage lost writes it had acknowledged (an emulator
    /// restarted on older data), or another activation rebuilt the session. Unless another activation superseded this
    /// one (<see cref="BrowserSessionState.IsSupersededBy"/>: then this activation is the stale one, lets nothing more
    /// out and goes away), the live context is what the workflow is driving, and the stored copy is replaced by this
    /// activation's, keeping any action results only the stored copy holds.
    /// </summary>
    private async Task ResolveConflictAsync(InconsistentStateException conflict, CancellationToken cancellationToken)
    {
        var mine = state.State;
        await state.ReadStateAsync(cancellationToken);
        var stored = state.State;
        if (mine.IsSupersededBy(stored, _basedOn))
        {
            LogStale(this.GetPrimaryKeyString(), mine.Epoch, stored.Epoch);
            await DisposeSessionAsync();
            this.DeactivateOnIdle();
            throw conflict;
        }

        mine.MergeFrom(stored);

        LogConflictResolved(this.GetPrimaryKeyString(), mine.Epoch, stored.Epoch, stored.IsOpen);
        state.State = mine;
        await state.WriteStateAsync(cancellationToken);
    }
}
