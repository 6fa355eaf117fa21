using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using ScribeActors.Agent.Recovery;

namespace ScribeActors.Browser;

// A request sent under an Idempotency-Key that the server answers 409: the key's first request is still being processed
// (its browser died with it in flight, and the action is being taken again). It is sent again, same body and same key,
// until the server has an answer for the key (the first one's, kept and sent again) or the window closes.
internal sealed partial class NavigationGuard
{
    private readonly ConcurrentDictionary<string, KeyedRequest> _keyed = new(StringComparer.Ordinal); // by DevTools networkId
    private string? _stillInProgress;

    /// <summary>A request that left under a key, followed through its answers.</summary>
    private sealed class KeyedRequest(string key, string description, long started)
    {
        public string Key { get; } = key;

        public string Description { get; } = description;

        public long Started { get; } = started;

        public int Answered409 { get; set; }
    }

    /// <summary>The request (method, URL, key) whose server still answered 409 when the window closed since the previous
    /// call, if any; clears it.</summary>
    public string? TakeStillInProgress() => Interlocked.Exchange(ref _stillInProgress, null);

    /// <summary>Follows <paramref name="paused"/>'s answer when it goes out under <paramref name="key"/>, and gives back
    /// the key again to a hop that is this guard's own resend (<c>Fetch.continueRequest</c>'s headers do not carry over
    /// to a redirect hop).</summary>
    private string? FollowKeyed(JsonElement paused, string method, string url, string? key)
    {
        var networkId = paused.TryGetProperty("networkId", out var id) ? id.GetString() : null;
        if (networkId is null)
        {
            return key;
        }

        if (_keyed.TryGetValue(networkId, out var known))
        {
            if (!SentRequest.IsSafe(method))
            {
                return known.Key; // the guard's own 307: same method, same body, same key
            }

            _keyed.TryRemove(networkId, out _); // the server sent it on (a 303 to the page it led to): followed no more
            return key;
        }

        if (key is not null)
        {
            _keyed[networkId] = new KeyedRequest(key, $"{method} {_mask(url)} under Idempotency-Key '{key}'", _time.GetTimestamp());
        }

        return key;
    }

    /// <summary>A keyed request's answer: a 409 that is not a kept answer sent again is waited out and the request sent
    /// again (a 307 to its own URL: the browser repeats the method and the body), within <see cref="_inProgressWindow"/>;
    /// any other answer goes on to the page.</summary>
    private async Task AnswerAsync(JsonElement paused, string requestId, int status)
    {
        var networkId = paused.TryGetProperty("networkId", out var id) ? id.GetString() : null;
        if (networkId is null || !_keyed.TryGetValue(networkId, out var keyed))
        {
            await _devTools.SendAsync("Fetch.continueRequest", new Dictionary<string, object> { ["requestId"] = requestId });
            return;
        }

        var headers = ResponseHeaders(paused);
        if (status == 409 && !headers.ContainsKey("Idempotent-Replayed"))
        {
            keyed.Answered409++;
            var delay = KeyInProgressRule.NextTry(keyed.Answered409, _time.GetElapsedTime(keyed.Started), headers.GetValueOrDefault("Retry-After"), _inProgressWindow);
            if (delay is { } wait)
            {
                LogKeyInProgress(_logger, keyed.Description, keyed.Answered409, (int)wait.TotalMilliseconds);
                await Task.Delay(wait, _time);
                var url = paused.GetProperty("request").GetProperty("url").GetString()!;
                await _devTools.SendAsync("Fetch.fulfillRequest", new Dictionary<string, object>
                {
                    ["requestId"] = requestId,
                    ["responseCode"] = 307,
                    ["responseHeaders"] = new object[] { new Dictionary<string, object> { ["name"] = "Location", ["value"] = url } },
                    ["body"] = "",
                });
                return;
            }

            Interlocked.Exchange(ref _stillInProgress, $"{keyed.Description}, answered 409 (a request with that key is still being processed) {keyed.Answered409} times over {_time.GetElapsedTime(keyed.Started).TotalSeconds:0.#} s");
        }

        _keyed.TryRemove(networkId, out _);
        await _devTools.SendAsync("Fetch.continueRequest", new Dictionary<string, object> { ["requestId"] = requestId });
    }

    private static Dictionary<string, string> ResponseHeaders(JsonElement paused)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (paused.TryGetProperty("responseHeaders", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var header in list.EnumerateArray())
            {
                headers[header.GetProperty("name").GetString() ?? ""] = header.GetProperty("value").GetString() ?? "";
            }
        }

        return headers;
    }
}

/// <summary>When a request the server answered 409 under its <c>Idempotency-Key</c> (the key's first request still being
/// processed) is sent again. Pure.</summary>
internal static class KeyInProgressRule
{
    /// <summary>The first wait; each later one doubles, up to <see cref="LongestWait"/>.</summary>
    public static readonly TimeSpan FirstWait = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest wait between two tries, a server's <c>Retry-After</c> included.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(2);

    /// <summary>The most tries: each is a redirect hop, and Chromium follows 20 at most.</summary>
    public const int MaxTries = 15;

    private static readonly RetryLimits Waits = new(RetryDelay: FirstWait, MaxRetryDelay: LongestWait);

    /// <summary>How long to wait before sending the request again, or <see langword="null"/> to let the 409 through.</summary>
    /// <param name="answered">How many 409s the request got so far, this one included.</param>
    /// <param name="waited">How long since the request first left.</param>
    /// <param name="retryAfter">The 409's <c>Retry-After</c> header, if any (seconds; a date is not honoured).</param>
    /// <param name="window">How long a request is sent again in all.</param>
    public static TimeSpan? NextTry(int answered, TimeSpan waited, string? retryAfter, TimeSpan window)
    {
        if (answered >= MaxTries)
        {
            return null;
        }

        var wait = int.TryParse(retryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(Math.Min(seconds, LongestWait.TotalSeconds))
            : RetryPolicy.Backoff(answered, Waits);
        return waited + wait <= window ? wait : null;
    }
}
