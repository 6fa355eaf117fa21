using ScribeActors.Abstractions;
using ScribeActors.Agent.Recovery;

namespace ScribeActors.Grains.Workflows;

// A request whose fate was lost with its browser, sent again under the key it first carried (to hosts that honour
// Idempotency-Key, BrowserOptions.IdempotencyKeyHosts): the server acts on it once, whether or not the first one arrived.
public sealed partial class WorkflowGrain
{
    /// <summary>After <see cref="InterruptedActionRule"/> decided to take a keyed request's action again: the key goes
    /// with the workflow's next state-changing request, whatever steps (typing again on the rebuilt page) come before it.</summary>
    private void CarryIdempotencyKey(InterruptedActionVerdict verdict)
    {
        if (verdict.IdempotencyKey is { } key)
        {
            Current.CarriedIdempotencyKey = key;
        }
    }

    /// <summary>The key <paramref name="action"/> sends with its state-changing request: the carried one, if any;
    /// otherwise <see langword="null"/> (the session uses the action id).</summary>
    private string? IdempotencyKeyFor(BrowserAction action) => action.IsIdempotent ? null : Current.CarriedIdempotencyKey;

    /// <summary>Once a performed step's request went out under the carried key, the key has done its work. A step that
    /// sent nothing under it (a link followed before the form) leaves it carried.</summary>
    private async Task ReleaseIdempotencyKeyAsync(StepRecord step)
    {
        if (Current.CarriedIdempotencyKey is not { } carried || step.ActionId is null || step.Action is not { IsIdempotent: false })
        {
            return;
        }

        if ((await Session.GetSentAsync(step.ActionId))?.IdempotencyKey == carried)
        {
            Current.CarriedIdempotencyKey = null;
        }
    }
}
