using System.CommandLine;
using ScribeActors.Abstractions;
using ScribeActors.Cli.Infrastructure;

namespace ScribeActors.Cli.Commands;

/// <summary>Options shared by every command that talks to a running cluster.</summary>
internal sealed class ConnectionOptions
{
    public Option<string?> ConnectionString { get; } = new("--connection-string") { Description = "Azure Storage connection string of the cluster (default: local Azurite; env Scribe__Client__ConnectionString)." };

    public Option<string?> ClusterId { get; } = new("--cluster-id") { Description = "Cluster id (default scribe)." };

    public Option<string?> ApiKey { get; } = new("--api-key") { Description = $"API key of the cluster, when its silos have Scribe:Auth:ApiKeys (default: env {ScribeApiKey.EnvironmentVariable})." };

    public void AddTo(Command command)
    {
        command.Options.Add(ConnectionString);
        command.Options.Add(ClusterId);
        command.Options.Add(ApiKey);
    }

    public ConnectionSettings Read(ParseResult result) => new(
        result.GetValue(ConnectionString) ?? Environment.GetEnvironmentVariable("Scribe__Client__ConnectionString"),
        result.GetValue(ClusterId) ?? Environment.GetEnvironmentVariable("Scribe__Client__ClusterId"),
        Environment.GetEnvironmentVariable("Scribe__Client__ServiceId"),
        NonEmpty(result.GetValue(ApiKey)) ?? NonEmpty(Environment.GetEnvironmentVariable(ScribeApiKey.EnvironmentVariable)));

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
