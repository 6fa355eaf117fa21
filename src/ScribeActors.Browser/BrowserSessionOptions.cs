namespace ScribeActors.Browser;

/// <summary>How to open one browser session.</summary>
public sealed record BrowserSessionOptions
{
    /// <summary>Hosts navigations may reach: <c>host</c> (any port), <c>host:port</c> or <c>*.example.com</c>, matched
    /// with <see cref="ScribeActors.Abstractions.HostPattern.IsAllowed"/>. Main-frame navigations elsewhere, whether asked
    /// for or started by the page, are blocked.</summary>
    public required IReadOnlyList<string> AllowedHosts { get; init; }

    /// <summary>Playwright storage state (cookies and local storage, as returned by
    /// <see cref="IBrowserSession.CheckpointAsync"/>) to restore; <see langword="null"/> for a fresh profile.</summary>
    public string? StorageStateJson { get; init; }

    /// <summary>A URL to load once the session is open (used when rebuilding from a checkpoint);
    /// <see langword="null"/> leaves the page at <c>about:blank</c>.</summary>
    public string? Url { get; init; }

    /// <summary>Called before the first request that may change server state (any method but GET, HEAD and OPTIONS:
    /// a form post, an XHR or fetch) leaves the browser during an action that is not idempotent; the request waits until
    /// the returned task completes. A caller makes the fact durable here, so that after a crash it knows whether the
    /// action could have had an effect on a server. <see langword="null"/>: nothing is held back.</summary>
    public Func<SentRequest, Task>? BeforeRequestSent { get; init; }

    /// <summary>Asked, for the request <see cref="BeforeRequestSent"/> is about to report, for the key to send with it in an
    /// <c>Idempotency-Key</c> header (IETF draft-ietf-httpapi-idempotency-key-header); <see langword="null"/> sends
    /// none. A server that honours the header acts once per key, so an owner that lost track of whether the request
    /// arrived can send it again under the same key. The key goes with that request only (not with later requests of
    /// the same action, nor with redirects), and is reported with it (<see cref="SentRequest.IdempotencyKey"/>). It is
    /// also asked for the action's first top-frame document request when that is a GET sent before any state-changing
    /// one (a link followed): that GET may be a download, known as one only when its answer arrives, so it carries the
    /// key too, and a download reported later names it.</summary>
    public Func<SentRequest, string?>? IdempotencyKey { get; init; }

    /// <summary>Names of the secrets this session may type (<c>{{secret:NAME}}</c> placeholders). Their values are
    /// masked out of every observation, URL and message from the first capture on, not only after they were typed.
    /// Secrets typed without being declared are masked once typed.</summary>
    public IReadOnlyList<string> SecretNames { get; init; } = [];
}
