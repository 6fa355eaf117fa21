namespace ScribeActors.Cli.Infrastructure;

/// <summary>Where the CLI's client connects (null = the client's defaults: local Azurite, cluster "scribe", no API key).</summary>
internal sealed record ConnectionSettings(string? ConnectionString, string? ClusterId, string? ServiceId, string? ApiKey = null);
