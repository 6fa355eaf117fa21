using Microsoft.Playwright;
using ScribeActors.Abstractions;

namespace ScribeActors.Browser;

/// <summary>Failures: how an action that did not happen is classified and worded.</summary>
internal sealed partial class PlaywrightBrowserSession
{
    private readonly record struct Failure(ActionFailureKind Kind, string Message);

    private static ActionResult Fail(Failure failure, string? urlAfter, TimeSpan duration) =>
        ActionResult.Fail(failure.Kind, failure.Message, urlAfter, duration);

    private static Failure Classify(BrowserAction action, PlaywrightException ex)
    {
        var message = PlaywrightErrors.FirstLine(ex.Message);
        if (PlaywrightErrors.Contains(ex, "not attached") || PlaywrightErrors.Contains(ex, "detached") || PlaywrightErrors.IsNavigationRace(ex))
        {
            return new Failure(ActionFailureKind.ElementDetached, $"Node {action.NodeId} left the page during '{action}': {message}");
        }

        if (PlaywrightErrors.Contains(ex, "Unknown key"))
        {
            return new Failure(ActionFailureKind.InvalidAction, $"'{action.Text}' is not a key Playwright knows: {message}");
        }

        if (action.Kind is BrowserActionKind.Goto or BrowserActionKind.Back || PlaywrightErrors.Contains(ex, "net::ERR"))
        {
            return new Failure(ActionFailureKind.NavigationError, message);
        }

        return new Failure(ActionFailureKind.NotInteractable, $"Node {action.NodeId} cannot take '{action}': {message}");
    }

    private static Failure NotInteractable(BrowserAction action, int node, ElementProbe probe, string why) =>
        new(ActionFailureKind.NotInteractable, $"Node {node} ({probe.Describe()}) cannot take '{action}': {why}.");

    private Failure HostNotAllowed(string url)
    {
        var why = HostAllowList.TryParseAbsolute(url, out var uri) ? _allowList.WhyNotAllowed(uri) : $"it is not on the allowed hosts ({_allowList.Describe()})";
        return new Failure(ActionFailureKind.HostNotAllowed, $"Navigation to {url} was blocked: {why}.");
    }

    private BrowserUnavailableException Unavailable(Exception ex) =>
        new($"The browser session has gone away ({PlaywrightErrors.FirstLine(ex.Message)}); open a new session from the last checkpoint.", ex);
}
