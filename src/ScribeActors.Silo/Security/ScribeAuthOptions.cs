namespace ScribeActors.Silo.Security;

/// <summary>API keys that protect the web port (REST API, dashboard, operator pages) and the client gateway.
/// Section <c>Scribe:Auth</c>.</summary>
public sealed class ScribeAuthOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Scribe:Auth";

    /// <summary>The full name of the keys setting, for error messages.</summary>
    public const string ApiKeysKey = SectionName + ":ApiKeys";

    /// <summary>The environment variable that sets <see cref="ApiKeys"/>.</summary>
    public const string ApiKeysEnvironmentVariable = "Scribe__Auth__ApiKeys";

    /// <summary>The shortest key accepted.</summary>
    public const int MinimumKeyLength = 16;

    /// <summary>
    /// The accepted keys, separated by commas or white space (several at once let you rotate: add the new key, move the
    /// callers over, remove the old one). Each at least <see cref="MinimumKeyLength"/> characters. Default empty: no
    /// authentication, which the silo allows only while it listens on loopback.
    /// </summary>
    public string ApiKeys { get; set; } = "";

    /// <summary>The parsed key list.</summary>
    public IReadOnlyList<string> KeyList =>
        (ApiKeys ?? "").Split([',', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
}
