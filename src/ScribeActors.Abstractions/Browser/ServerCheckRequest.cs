namespace ScribeActors.Abstractions;

/// <summary>A server check: a GET sent with a browser session's cookies (see <see cref="IBrowserSessionGrain.CheckAsync"/>).</summary>
[GenerateSerializer, Immutable, Alias("scribe.ServerCheckRequest")]
public sealed record ServerCheckRequest
{
    /// <summary>The default <see cref="Timeout"/>.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The absolute http(s) URL to fetch; it must be on the session's allowed hosts.</summary>
    [Id(0)] public required string Url { get; init; }

    /// <summary>How long to wait for the answer. Default <see cref="DefaultTimeout"/>.</summary>
    [Id(1)] public TimeSpan Timeout { get; init; } = DefaultTimeout;
}
