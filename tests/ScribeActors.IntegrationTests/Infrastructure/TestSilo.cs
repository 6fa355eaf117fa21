using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ScribeActors.Client;
using ScribeActors.Silo.Hosting;

namespace ScribeActors.IntegrationTests.Infrastructure;

/// <summary>One production-composed silo (ScribeSiloHost) in this process, on free ports and its own service id and
/// state container in Azurite, so tests never see each other's grains.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private TestSilo(WebApplication app, string serviceId, int webPort)
    {
        App = app;
        ServiceId = serviceId;
        WebUrl = new Uri($"http://127.0.0.1:{webPort}/");
        Client = new ScribeClient(app.Services.GetRequiredService<IGrainFactory>());
    }

    public WebApplication App { get; }

    public string ServiceId { get; }

    public Uri WebUrl { get; }

    public ScribeClient Client { get; }

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public static async Task<TestSilo> StartAsync(string? serviceId = null, IReadOnlyDictionary<string, string?>? extra = null, Action<WebApplicationBuilder>? configure = null)
    {
        await Requirements.AzuriteAsync();
        serviceId ??= "t" + Guid.NewGuid().ToString("N")[..12];
        var webPort = Requirements.FreeTcpPort();
        var settings = new Dictionary<string, string?>
        {
            ["Scribe:Silo:ClusterId"] = serviceId,
            ["Scribe:Silo:ServiceId"] = serviceId,
            ["Scribe:Silo:SiloPort"] = Requirements.FreeTcpPort().ToString(),
            ["Scribe:Silo:GatewayPort"] = Requirements.FreeTcpPort().ToString(),
            ["Scribe:Silo:WebPort"] = webPort.ToString(),
            ["Scribe:Silo:MinimumReminderPeriod"] = "00:00:02",
            ["Scribe:Workflow:KeepAlivePeriod"] = "00:00:05",
            ["Scribe:Workflow:RetryDelay"] = "00:00:00.200",
            ["Scribe:Storage:StateContainer"] = "state-" + serviceId,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var app = await ScribeSiloHost.BuildAsync([], settings, configure);
        await app.StartAsync();
        return new TestSilo(app, serviceId, webPort);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
