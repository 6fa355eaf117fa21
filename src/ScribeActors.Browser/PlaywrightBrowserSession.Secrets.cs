using Microsoft.Playwright;
using ScribeActors.Abstractions;
using ScribeActors.Browser.Secrets;

namespace ScribeActors.Browser;

internal sealed partial class PlaywrightBrowserSession
{
    /// <summary>Where placeholders may appear in an action: only in the text a Type action types, and well-formed.</summary>
    private static string? SecretProblem(BrowserAction action)
    {
        if (action.Kind == BrowserActionKind.Type)
        {
            return SecretPlaceholder.Validate(action.Text, "The text to type").FirstOrDefault();
        }

        return SecretPlaceholder.Contains(action.Text) || SecretPlaceholder.Contains(action.Url)
            ? $"A {action.Kind} action holds a secret placeholder: secrets can only be typed (a Type action)."
            : null;
    }

    /// <summary>
    /// Types text holding secret placeholders: resolves them with the session's secret provider, checks that the
    /// element's document belongs to a host every one of them may be typed on, and fills the element with the values.
    /// The element is held as a handle across the check and the fill, so a navigation in between makes the fill fail
    /// instead of typing into a document that was never checked. The values exist only here; every message names the
    /// secret, never its value.
    /// </summary>
    private async Task<Failure?> TypeSecretAsync(ILocator locator, string text)
    {
        var resolved = await _secrets.ResolveAsync(text, CancellationToken.None);
        if (resolved.Error is { } error)
        {
            return new Failure(resolved.Failure, error);
        }

        var handle = await locator.ElementHandleAsync(new LocatorElementHandleOptions { Timeout = _actionTimeoutMs });
        try
        {
            // The origin of the element's own document (an about:blank or srcdoc frame reports its creator's origin).
            var origin = await handle.EvaluateAsync<string>("e => { const w = e.ownerDocument.defaultView; return w ? w.origin : e.ownerDocument.URL; }");
            Uri.TryCreate(origin, UriKind.Absolute, out var page);
            foreach (var (name, secret) in resolved.Used)
            {
                if (page is null || !secret.IsAllowedOn(page))
                {
                    var host = page is null ? origin : HostPattern.Of(page);
                    return new Failure(ActionFailureKind.SecretNotAllowed,
                        $"Secret '{name}' may not be typed on host '{host}' (it is limited to {string.Join(", ", secret.AllowedHosts)}).");
                }
            }

            await handle.FillAsync(resolved.Text!, new ElementHandleFillOptions { Timeout = _actionTimeoutMs });
            _secretTypedInDocument = _guard.DocumentRequests;
            return null;
        }
        finally
        {
            await handle.DisposeAsync();
        }
    }
}
