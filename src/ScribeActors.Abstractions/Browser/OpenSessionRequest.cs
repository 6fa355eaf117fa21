namespace ScribeActors.Abstractions;

/// <summary>Opens (or re-opens) a browser session at a start URL.</summary>
[GenerateSerializer, Immutable, Alias("scribe.OpenSessionRequest")]
public sealed record OpenSessionRequest
{
    /// <summary>The first page to load.</summary>
    [Id(0)] public required string StartUrl { get; init; }

    /// <summary>Hosts (with port when not the scheme default, for example <c>127.0.0.1:5100</c>) that navigations may reach.</summary>
    [Id(1)] public required string[] AllowedHosts { get; init; }
}
