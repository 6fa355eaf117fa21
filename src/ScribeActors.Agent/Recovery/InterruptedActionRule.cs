using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Recovery;

/// <summary>
/// Decides what happened to an action whose workflow lost its activation after persisting the intent (phase Acting)
/// and before persisting the outcome.
/// </summary>
/// <remarks>
/// The rule, in order:
/// <list type="number">
/// <item>The browser session recorded a result for the action id: the action finished; that result is the outcome.</item>
/// <item>The action is idempotent (clear-then-type, select, scroll, goto): doing it again leaves the page as doing it once,
/// so it counts as not performed and is simply taken again.</item>
/// <item>Otherwise (click, key press, back) it is never repeated blindly; the fresh page decides:
/// the URL moved on from the URL before the action, or the target is gone ⇒ performed;
/// the page still shows the target at the same URL ⇒ the page is in the state before the action ⇒ not performed.</item>
/// </list>
/// Limit: a non-idempotent action whose effect leaves no trace in the page (a background request that neither navigates
/// nor changes the target) cannot be told apart from one that never happened. Sites built for agents should make
/// submissions visible (post-redirect-get, or a form that shows "already submitted"), as the demo sites do.
/// </remarks>
public static class InterruptedActionRule
{
    /// <summary>Applies the rule.</summary>
    /// <param name="action">The action that was handed to the browser.</param>
    /// <param name="urlBefore">The page URL when the action was decided.</param>
    /// <param name="recordedResult">The result the browser session recorded for the action id, if any.</param>
    /// <param name="freshUrl">The URL of a fresh observation taken after the interruption.</param>
    /// <param name="targetPresent">Whether the action's target can still be found in that observation.</param>
    public static InterruptedActionVerdict Resolve(BrowserAction action, string? urlBefore, ActionResult? recordedResult, string freshUrl, bool targetPresent)
    {
        if (recordedResult is not null)
        {
            return new(true, recordedResult, "the browser session had recorded the outcome");
        }

        if (action.IsIdempotent)
        {
            return new(false, null, $"{action.Kind} is idempotent, so it is taken again");
        }

        if (!SamePage(urlBefore, freshUrl))
        {
            return new(true, ActionResult.Success(freshUrl, TimeSpan.Zero), $"the page moved on from {urlBefore} to {freshUrl}, so the {action.Kind} took effect");
        }

        if (!targetPresent)
        {
            return new(true, ActionResult.Success(freshUrl, TimeSpan.Zero), $"the target is no longer on {freshUrl}, so the {action.Kind} took effect");
        }

        return new(false, null, $"the page at {freshUrl} still shows the target in its state before the {action.Kind}, so it did not take effect");
    }

    /// <summary>Whether two URLs name the same page (fragment ignored).</summary>
    public static bool SamePage(string? a, string? b)
    {
        static string Strip(string? url) => url is null ? "" : url.Split('#', 2)[0].TrimEnd('/');
        return string.Equals(Strip(a), Strip(b), StringComparison.Ordinal);
    }
}
