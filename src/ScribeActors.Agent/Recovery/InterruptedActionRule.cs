using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Recovery;

/// <summary>
/// Decides what happened to an action whose workflow lost its activation after persisting the intent (phase Acting)
/// and before persisting the outcome, or whose browser went away while it acted.
/// </summary>
/// <remarks>
/// The rule, in order:
/// <list type="number">
/// <item>The browser session recorded a result for the action id: the action finished; that result is the outcome.</item>
/// <item>The action is idempotent (clear-then-type, select, scroll, goto): doing it again leaves the page as doing it once,
/// so it counts as not performed and is simply taken again.</item>
/// <item>The step signs in (it submits a form with a password field): signing in again changes nothing on the server,
/// and a page rebuilt without the session cookie needs it; it is taken again when the page still asks for it.</item>
/// <item>The page was rebuilt from a checkpoint (the browser that acted is gone), so the page says nothing about the
/// action. The session holds back every request that may change server state (anything but GET, HEAD, OPTIONS) until it
/// has recorded that the request is leaving: if one left, the server may have acted, and the action is never repeated,
/// unless the request carried an <c>Idempotency-Key</c> its server honours: then it is taken again under that key (the
/// server acts once per key) while the page, loaded afresh from the server, still offers its target (a page that no
/// longer does shows that the request took effect: a queue row decided, a form turned into its result); if none left, the action's only effect was on the page that was lost, and it is taken
/// again, under the key the action carried (a link's GET did, in case it was a download, which is known as one only
/// when its answer arrives: a server that honours the key counts it once).</item>
/// <item>Otherwise (click, key press, back on the live page) it is never repeated blindly; the page decides:
/// the URL moved on from the URL before the action, or the target is gone ⇒ performed;
/// the page still shows the target at the same URL ⇒ the page is in the state before the action ⇒ not performed.</item>
/// </list>
/// Limits: a request without an idempotency key that left the browser just before it died may or may not have reached
/// the server (the action is then taken as performed, flagged uncertain, and the workflow goes on from the page it
/// has); a download counts as a request that left (servers count downloads), but it is recorded when its response
/// arrives, so a browser that dies in the moment between the server counting it and that record repeats it, unless
/// its server honours the key the action carried; any other GET is taken as safe, as HTTP defines it.
/// </remarks>
public static class InterruptedActionRule
{
    /// <summary>Applies the rule on a live page, without a record of requests sent.</summary>
    /// <param name="action">The action that was handed to the browser.</param>
    /// <param name="urlBefore">The page URL when the action was decided.</param>
    /// <param name="recordedResult">The result the browser session recorded for the action id, if any.</param>
    /// <param name="freshUrl">The URL of a fresh observation taken after the interruption.</param>
    /// <param name="targetPresent">Whether the action's target can still be found in that observation.</param>
    public static InterruptedActionVerdict Resolve(BrowserAction action, string? urlBefore, ActionResult? recordedResult, string freshUrl, bool targetPresent) =>
        Resolve(action, urlBefore, new InterruptionEvidence(recordedResult, freshUrl, targetPresent));

    /// <summary>Applies the rule.</summary>
    /// <param name="action">The action that was handed to the browser.</param>
    /// <param name="urlBefore">The page URL when the action was decided.</param>
    /// <param name="evidence">What is known after the interruption.</param>
    public static InterruptedActionVerdict Resolve(BrowserAction action, string? urlBefore, InterruptionEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(evidence);
        var freshUrl = evidence.FreshUrl;
        if (evidence.RecordedResult is { } recorded)
        {
            return new(true, recorded, "the browser session had recorded the outcome");
        }

        if (action.IsIdempotent)
        {
            return new(false, null, $"{action.Kind} is idempotent, so it is taken again");
        }

        if (evidence.SignsIn)
        {
            return evidence.TargetPresent
                ? new(false, null, "it signs in, and signing in again changes nothing on the server, so it is taken again")
                : new(true, ActionResult.Success(freshUrl, TimeSpan.Zero), "it signs in and the page no longer asks for it, so it took effect");
        }

        if (evidence.PageRebuilt)
        {
            return evidence.SentRequest is { } sent
                ? evidence.SentLandingUrl is { } landing
                    ? new(true, ActionResult.Success(landing, TimeSpan.Zero), $"it had sent {sent}, which led to {landing}, when the browser that performed it went away; the server acted on it, so it is not repeated, and the workflow goes on from {landing}")
                    : evidence.SentIdempotencyKey is { } key
                        ? evidence.TargetPresent
                            ? new(false, null, $"it had sent {sent} under Idempotency-Key {key} when the browser that performed it went away, and that server honours the key, so the {action.Kind} is taken again under it (the server acts on it once, whether or not the first one arrived)", IdempotencyKey: key)
                            : new(true, ActionResult.Success(freshUrl, TimeSpan.Zero), $"it had sent {sent} under Idempotency-Key {key} when the browser that performed it went away, and the page, loaded afresh from the server, no longer offers its target: the request took effect, so it is not taken again")
                        : new(true, ActionResult.Success(freshUrl, TimeSpan.Zero), $"it had sent {sent} when the browser that performed it went away; the server may have acted on it, so it is not repeated", Uncertain: true)
                : evidence.ActionKey is { } actionKey
                    ? new(false, null, $"the browser that performed it went away before any request that could change a server left it, and the page it changed was lost with it, so the {action.Kind} is taken again (under Idempotency-Key {actionKey}, which a download it may have started carried)", IdempotencyKey: actionKey)
                    : new(false, null, $"the browser that performed it went away before any request that could change a server left it, and the page it changed was lost with it, so the {action.Kind} is taken again");
        }

        if (!SamePage(urlBefore, freshUrl))
        {
            return new(true, ActionResult.Success(freshUrl, TimeSpan.Zero), $"the page moved on from {urlBefore} to {freshUrl}, so the {action.Kind} took effect");
        }

        if (!evidence.TargetPresent)
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

    /// <summary>Whether two URLs name the same document path (scheme, host, port and path; query and fragment aside), as
    /// a sign-in page is known whatever return address a site adds to it; <see cref="SamePage"/> when either is not an
    /// absolute URL.</summary>
    public static bool SamePath(string? a, string? b) =>
        Uri.TryCreate(a, UriKind.Absolute, out var x) && Uri.TryCreate(b, UriKind.Absolute, out var y)
            ? Uri.Compare(x, y, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.Unescaped, StringComparison.Ordinal) == 0
            : SamePage(a, b);
}
