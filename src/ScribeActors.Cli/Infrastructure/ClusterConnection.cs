using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ScribeActors.Client;
using ScribeActors.Client.Hosting;

namespace ScribeActors.Cli.Infrastructure;

/// <summary>A connected cluster client for one CLI command.</summary>
internal sealed class ClusterConnection : IAsyncDisposable
{
    private readonly IHost _host;

    private ClusterConnection(IHost host) => _host = host;

    public ScribeClient Client => _host.Services.GetRequiredService<ScribeClient>();

    public static async Task<ClusterConnection> ConnectAsync(ConnectionSettings settings, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.AddScribeClient(o =>
        {
            if (settings.ConnectionString is not null)
            {
                o.ConnectionString = settings.ConnectionString;
            }

            o.ClusterId = settings.ClusterId ?? o.ClusterId;
            o.ServiceId = settings.ServiceId ?? o.ServiceId;
            o.ConnectTimeout = TimeSpan.FromSeconds(20);
        });
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
