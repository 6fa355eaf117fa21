namespace ScribeActors.Abstractions;

/// <summary>How a client proves it may call a cluster that has API keys configured.</summary>
public static class ScribeApiKey
{
    /// <summary>The Orleans <c>RequestContext</c> entry a client puts its key in for every grain call through a gateway.</summary>
    public const string RequestContextKey = "scribe.api-key";

    /// <summary>The environment variable the CLI reads the key from when <c>--api-key</c> is not given.</summary>
    public const string EnvironmentVariable = "SCRIBE_API_KEY";
}
