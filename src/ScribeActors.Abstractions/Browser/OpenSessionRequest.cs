namespace ScribeActors.Abstractions;

/// <summary>Opens (or re-opens) a browser session at a start URL.</summary>
[GenerateSerializer, Immutable, Alias("scribe.OpenSessionRequest")]
public sealed record OpenSessionRequest
{
    /// <summary>The first page to load.</summary>
    [Id(0)] public required string StartUrl { get; init; }

    /// <summary>Hosts (with port when not the scheme default, for example <c>127.0.0.1:5100</c>) that navigations may reach.</summary>
    [Id(1)] public required string[] AllowedHosts { get; init; }

    /// <summary>The names of the secrets the workflow may type (from the placeholders of its objective and recorded
    /// steps). The session fails to open, naming the first one, when one is not configured on the browser silo; and it
    /// masks their values out of every observation from the start.</summary>
    [Id(2)] public string[] SecretNames { get; init; } = [];

    /// <summary>When set, the session starts at this epoch instead of 0: a workflow reopening a session whose state was
    /// lost passes one more than the last epoch it saw, so its observations show the page was rebuilt.</summary>
    [Id(3)] public int? Epoch { get; init; }
}
