using System.Globalization;
using Microsoft.Playwright;
using ScribeActors.Abstractions;

namespace ScribeActors.Browser;

/// <summary>Server checks: a GET sent by the context's own request client, so it carries the session's cookies.</summary>
internal sealed partial class PlaywrightBrowserSession
{
    public async Task<ServerCheckResult> CheckAsync(ServerCheckRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (!HostAllowList.TryParseAbsolute(request.Url, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return ServerCheckResult.Failed(request.Url, "not an absolute http(s) URL");
        }

        // The request client runs in the Playwright driver, not in the page: the navigation guard never sees it, so the
        // allow-list is applied here, and redirects are not followed (one could lead off the allowed hosts).
        if (!_allowList.IsAllowed(uri))
        {
            return ServerCheckResult.Failed(request.Url, $"not fetched: {_allowList.WhyNotAllowed(uri)}");
        }

        var started = _time.GetTimestamp();
        var timeout = request.Timeout > TimeSpan.Zero ? request.Timeout : ServerCheckRequest.DefaultTimeout;
        IAPIResponse response;
        try
        {
            response = await _context.APIRequest.GetAsync(request.Url, new APIRequestContextOptions
            {
                Timeout = (float)timeout.TotalMilliseconds,
                MaxRedirects = 0,
                FailOnStatusCode = false,
            }).WaitAsync(timeout + TimeSpan.FromSeconds(5), _time, cancellationToken);
        }
        catch (PlaywrightException ex) when (PlaywrightErrors.IsClosed(ex))
        {
            throw Unavailable(ex);
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is PlaywrightException && PlaywrightErrors.Contains(ex, "timeout")))
        {
            return ServerCheckResult.Failed(request.Url,
                $"no answer within {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s", _time.GetElapsedTime(started));
        }
        catch (PlaywrightException ex)
        {
            return ServerCheckResult.Failed(request.Url, $"unreachable: {PlaywrightErrors.FirstLine(ex.Message)}", _time.GetElapsedTime(started));
        }

        string? body;
        try
        {
            body = await response.TextAsync();
        }
        catch (PlaywrightException)
        {
            body = null; // the status is the answer; the body is only for the record
        }

        var location = response.Headers.TryGetValue("location", out var target) ? $"redirects to {target}" : null;
        return new ServerCheckResult
        {
            Url = request.Url,
            Status = response.Status,
            StatusText = response.StatusText,
            Body = location ?? Shorten(body),
            Duration = _time.GetElapsedTime(started),
        };
    }

    private static string? Shorten(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        var collapsed = string.Join(' ', body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return collapsed.Length <= ServerCheckResult.MaxBodyLength ? collapsed : collapsed[..ServerCheckResult.MaxBodyLength] + "…";
    }
}
