namespace ScribeActors.Client;

/// <summary>How the client reaches a ScribeActors cluster. Section <c>Scribe:Client</c>.</summary>
public sealed class ScribeClientOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Scribe:Client";

    /// <summary>The local Azurite emulator's connection string (loopback ports 10000-10002).</summary>
    public const string AzuriteConnectionString = Abstractions.AzuriteDefaults.ConnectionString;

    /// <summary>Connection string of the Azure Storage account holding the cluster membership table.
    /// Default: Azurite on 127.0.0.1.</summary>
    public string ConnectionString { get; set; } = AzuriteConnectionString;

    /// <summary>The cluster id the silos use. Default <c>scribe</c>.</summary>
    public string ClusterId { get; set; } = "scribe";

    /// <summary>The service id the silos use. Default <c>scribe</c>.</summary>
    public string ServiceId { get; set; } = "scribe";

    /// <summary>How long to keep trying to connect before giving up. Default 30 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// One of the API keys the silos are configured with (<c>Scribe:Auth:ApiKeys</c>), sent with every grain call.
    /// Required when the cluster has keys: calls without it fail with
    /// <see cref="Abstractions.ScribeUnauthorizedException"/> and change nothing. Default none.
    /// </summary>
    public string? ApiKey { get; set; }
}
