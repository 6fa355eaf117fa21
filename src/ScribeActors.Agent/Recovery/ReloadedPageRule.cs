using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Recovery;

/// <summary>
/// Where a workflow goes when its browser context was rebuilt from a checkpoint that is older than the workflow's own
/// record: the record says the last performed step led to page B, the rebuilt context shows page A.
/// </summary>
/// <remarks>
/// The session checkpoints the page after every action, so the two normally agree; they part when the browser dies
/// between an action's result being recorded and the page it led to being checkpointed (seen with kill -9 of Chromium
/// right after Enter submitted a search form). The rebuilt page is then the one before that step, while the step counts
/// as performed, and the next step's target is not there. The rule: when the step that brought the workflow to B let no
/// request that may change server state out of the browser (the session records every such request before it leaves),
/// B was reached by GET, which HTTP defines as safe to repeat, so the workflow goes to B and goes on from there.
/// Otherwise (B came from a form post without its landing known) the workflow stays where the checkpoint put it and its
/// source decides from the page it sees, as before. Limits: the session keeps the last state-changing request only, so a
/// post older than a later action's post counts as "none"; the page such a post redirected to is a GET page anyway.
/// </remarks>
public static class ReloadedPageRule
{
    /// <summary>The page the workflow's record says it is on, and the step that brought it there (none while the
    /// workflow is still on its start page).</summary>
    /// <param name="history">The workflow's steps, oldest first.</param>
    /// <param name="startUrl">The workflow's start URL.</param>
    public static RecordedPage RecordedPage(IReadOnlyList<StepRecord> history, string startUrl)
    {
        ArgumentNullException.ThrowIfNull(history);
        string? url = null;
        for (var i = history.Count - 1; i >= 0; i--)
        {
            var step = history[i];
            if (step.Phase != StepPhase.Done || (step.UrlAfter ?? step.UrlBefore) is not { } after)
            {
                continue;
            }

            url ??= after;
            if (!InterruptedActionRule.SamePage(after, url))
            {
                break; // an earlier page: the step after it is the one that moved on, or none moved here
            }

            if (!InterruptedActionRule.SamePage(step.UrlBefore, url))
            {
                return new RecordedPage(url, step);
            }
        }

        return new RecordedPage(url ?? startUrl, null);
    }

    /// <summary>The URL to go to before going on, or <see langword="null"/> to go on from the rebuilt page.</summary>
    /// <param name="recorded">The page the record says (<see cref="RecordedPage(IReadOnlyList{StepRecord}, string)"/>).</param>
    /// <param name="rebuiltUrl">The URL of the rebuilt context.</param>
    /// <param name="moverSentRequest">The state-changing request the step that brought the workflow to the recorded
    /// page let out, as the session recorded it; <see langword="null"/> when it let out none.</param>
    public static string? ReturnTo(RecordedPage recorded, string rebuiltUrl, string? moverSentRequest)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        if (InterruptedActionRule.SamePage(recorded.Url, rebuiltUrl) || moverSentRequest is not null)
        {
            return null;
        }

        return Uri.TryCreate(recorded.Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? recorded.Url : null;
    }
}

/// <summary>The page a workflow's record says it is on.</summary>
/// <param name="Url">Its URL.</param>
/// <param name="Mover">The performed step that brought the workflow there; <see langword="null"/> for the start page.</param>
public sealed record RecordedPage(string Url, StepRecord? Mover);
