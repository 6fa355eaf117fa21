using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using ScribeActors.Client;
using ScribeActors.Client.Hosting;

namespace ScribeActors.Cli.Infrastructure;

/// <summary>A connected cluster client for one CLI command.</summary>
internal sealed class ClusterConnection : IAsyncDisposable
{
    /// <summary>The log category whose warnings say what the connection waits for; the CLI shows them on stderr.</summary>
    private const string ConnectCategory = "ScribeActors.Client.Hosting.ClusterConnectRetryFilter";

    private readonly IHost _host;

    private ClusterConnection(IHost host) => _host = host;

    public ScribeClient Client => _host.Services.GetRequiredService<ScribeClient>();

    public static async Task<ClusterConnection> ConnectAsync(ConnectionSettings settings, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new StderrLoggerProvider(Console.Error));
        // A rule for this provider outranks the SDK's category rule for Orleans (provider rules are chosen first), so
        // the CLI shows exactly the connection warnings and no Orleans warning a user cannot act on.
        builder.Logging.AddFilter<StderrLoggerProvider>((category, level) => category == ConnectCategory && level >= LogLevel.Warning);
        builder.AddScribeClient(o =>
        {
            if (settings.ConnectionString is not null)
            {
                o.ConnectionString = settings.ConnectionString;
            }

            o.ClusterId = settings.ClusterId ?? o.ClusterId;
            o.ServiceId = settings.ServiceId ?? o.ServiceId;
            o.ApiKey = settings.ApiKey;
            o.ConnectTimeout = TimeSpan.FromSeconds(20);
        });

        // A command lives for seconds, so trade Orleans' long-running-client defaults for a fast start: when the client
        // first asks a gateway that is listed but dead (a silo killed without leaving the membership table) for the
        // cluster manifest, it waits min(TypeMapRefreshInterval, 5 s) before asking another one; that wait was the 5-10 s
        // every command took after a silo crash. And re-read the gateway list often, so a silo that joins while the
        // command waits is found within a second instead of a minute.
        builder.Services.Configure<TypeManagementOptions>(o => o.TypeMapRefreshInterval = TimeSpan.FromMilliseconds(500));
        builder.Services.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception e)
        {
            host.Dispose();
            throw new InvalidOperationException($"Could not connect to the ScribeActors cluster (cluster id '{settings.ClusterId ?? "scribe"}'): {e.Message} Is a silo running (`scribe silo`) and is Azurite up?", e);
        }

        return new ClusterConnection(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
