using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Recovery;

/// <summary>
/// An action that started a navigation whose page did not reach the load event in time still took effect: the page
/// moved on. Treating it as failed would retry it on the new page (where its target is gone) or, worse, repeat a submit.
/// </summary>
public static class SlowNavigationRule
{
    /// <summary>Whether <paramref name="result"/> is a timeout after which the page had left <paramref name="urlBefore"/>.</summary>
    public static bool TookEffect(ActionResult result, string? urlBefore) =>
        result is { Succeeded: false, Failure: ActionFailureKind.Timeout, UrlAfter: not null }
        && urlBefore is not null
        && !InterruptedActionRule.SamePage(urlBefore, result.UrlAfter);
}
