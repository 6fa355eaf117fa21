using System.CommandLine;
using ScribeActors.Cli.Infrastructure;

namespace ScribeActors.Cli.Commands;

/// <summary>Options shared by every command that talks to a running cluster.</summary>
internal sealed class ConnectionOptions
{
    public Option<string?> ConnectionString { get; } = new("--connection-string") { Description = "Azure Storage connection string of the cluster (default: local Azurite; env Scribe__Client__ConnectionString)." };

    public Option<string?> ClusterId { get; } = new("--cluster-id") { Description = "Cluster id (default scribe)." };

    public void AddTo(Command command)
    {
        command.Options.Add(ConnectionString);
        command.Options.Add(ClusterId);
    }

    public ConnectionSettings Read(ParseResult result) => new(
        result.GetValue(ConnectionString) ?? Environment.GetEnvironmentVariable("Scribe__Client__ConnectionString"),
        result.GetValue(ClusterId) ?? Environment.GetEnvironmentVariable("Scribe__Client__ClusterId"),
        Environment.GetEnvironmentVariable("Scribe__Client__ServiceId"));
}
