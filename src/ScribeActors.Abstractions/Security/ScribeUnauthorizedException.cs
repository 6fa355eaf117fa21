namespace ScribeActors.Abstractions;

/// <summary>
/// The cluster has API keys configured and the call through its gateway carried no key, or a key it does not accept.
/// Nothing was done. Set <c>ScribeClientOptions.ApiKey</c> (CLI: <c>--api-key</c> or <c>SCRIBE_API_KEY</c>).
/// </summary>
[GenerateSerializer, Alias("scribe.ScribeUnauthorizedException")]
public sealed class ScribeUnauthorizedException : Exception
{
    /// <summary>Creates the exception; <paramref name="keyPresent"/> tells a missing key from a rejected one.</summary>
    public ScribeUnauthorizedException(bool keyPresent)
        : base(keyPresent
            ? "unauthorized: the cluster rejected the API key; set the right one with --api-key / SCRIBE_API_KEY (SDK: ScribeClientOptions.ApiKey)."
            : "unauthorized: the cluster requires an API key; set --api-key / SCRIBE_API_KEY (SDK: ScribeClientOptions.ApiKey).") =>
        KeyPresent = keyPresent;

    /// <summary>True when a key was sent but not accepted; false when none was sent.</summary>
    [Id(0)] public bool KeyPresent { get; init; }
}
