using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ScribeActors.Client;
using ScribeActors.Client.Hosting;

namespace ScribeActors.IntegrationTests.Infrastructure;

/// <summary>An SDK client in its own host, connected to a test silo's cluster through the gateway, as a business app
/// would be (unlike <see cref="TestSilo.Client"/>, which calls through the silo's own grain factory).</summary>
public sealed class ExternalClient : IAsyncDisposable
{
    private readonly IHost _host;

    private ExternalClient(IHost host) => _host = host;

    public ScribeClient Client => _host.Services.GetRequiredService<ScribeClient>();

    public static async Task<ExternalClient> ConnectAsync(string clusterId, string? apiKey = null, string? serviceId = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddScribeClient(o =>
        {
            o.ConnectionString = Requirements.AzuriteConnectionString;
            o.ClusterId = clusterId;
            o.ServiceId = serviceId ?? clusterId;
            o.ApiKey = apiKey;
            o.ConnectTimeout = TimeSpan.FromSeconds(30);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new ExternalClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
