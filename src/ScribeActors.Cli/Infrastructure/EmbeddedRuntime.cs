using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ScribeActors.Abstractions;
using ScribeActors.Browser;
using ScribeActors.Client;
using ScribeActors.DemoSites;
using ScribeActors.Silo.Hosting;

namespace ScribeActors.Cli.Infrastructure;

/// <summary>
/// The whole runtime in this process, as <c>scribe demo</c> and <c>scribe eval</c> use it: Azurite (started when none
/// runs), the demo sites over HTTP, and one all-role silo whose secrets are the demo accounts' passwords (typed only on
/// the sites' host). Disposing stops what it started.
/// </summary>
internal sealed class EmbeddedRuntime : IAsyncDisposable
{
    private readonly bool _startedAzurite;
    private RunningDemoSites? _sites;
    private WebApplication? _silo;

    private EmbeddedRuntime(bool startedAzurite) => _startedAzurite = startedAzurite;

    /// <summary>The demo sites (reset and read their server state in process).</summary>
    public RunningDemoSites Sites => _sites!;

    /// <summary>The silo's workflows.</summary>
    public ScribeClient Client { get; private set; } = null!;

    /// <summary>The silo's browser.</summary>
    public IBrowserHost Browsers => _silo!.Services.GetRequiredService<IBrowserHost>();

    /// <summary>The port of the silo's dashboard and REST API.</summary>
    public int WebPort { get; private set; }

    /// <summary>The host pattern of the sites (what workflows may reach).</summary>
    public string SitesHost => HostPattern.Of(Sites.BaseUrl);

    /// <summary>Ports of the embedded silo.</summary>
    /// <param name="Sites">The demo sites' HTTP port (0: a free one).</param>
    /// <param name="Web">The dashboard and REST API port (0: a free one).</param>
    /// <param name="Silo">The silo-to-silo port (0: a free one).</param>
    /// <param name="Gateway">The client gateway port (0: a free one).</param>
    public sealed record Ports(int Sites, int Web, int Silo = 0, int Gateway = 0);

    /// <summary>Starts Azurite when needed, the sites (reset to <paramref name="seed"/>) and the silo with <paramref name="settings"/> on top of the runtime's own.</summary>
    public static async Task<EmbeddedRuntime> StartAsync(Ports ports, int seed, string clusterId, IReadOnlyDictionary<string, string?>? settings, TextWriter log, CancellationToken cancellationToken)
    {
        var runtime = new EmbeddedRuntime(await AzuriteLauncher.EnsureRunningAsync(log, cancellationToken));
        try
        {
            runtime._sites = await DemoSitesApp.StartAsync($"http://127.0.0.1:{ports.Sites}", seed, cancellationToken);
            var all = new Dictionary<string, string?>
            {
                ["Scribe:Silo:WebPort"] = Text(runtime.WebPort = ports.Web == 0 ? FreePort() : ports.Web),
                ["Scribe:Silo:SiloPort"] = Text(ports.Silo == 0 ? FreePort() : ports.Silo),
                ["Scribe:Silo:GatewayPort"] = Text(ports.Gateway == 0 ? FreePort() : ports.Gateway),
                ["Scribe:Silo:ClusterId"] = clusterId,
                ["Scribe:Silo:MinimumReminderPeriod"] = "00:00:10",
                ["Scribe:Workflow:KeepAlivePeriod"] = "00:00:10",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",

                // Known and harmless here: the short reminder period the runtime asks for, llama.cpp's notes on test models.
                ["Logging:LogLevel:Orleans.Hosting.ReminderOptionsValidator"] = "Error",
                ["Logging:LogLevel:LLama"] = "Error",
            };

            foreach (var (key, value) in DemoCredentials.SiloSettings(runtime.SitesHost))
            {
                all[key] = value;
            }

            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                all[key] = value;
            }

            runtime._silo = await ScribeSiloHost.BuildAsync([], all, cancellationToken: cancellationToken);
            await runtime._silo.StartAsync(cancellationToken);
            runtime.Client = new ScribeClient(runtime._silo.Services.GetRequiredService<IGrainFactory>());
            return runtime;
        }
        catch
        {
            await runtime.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.StopAsync(CancellationToken.None);
            await _silo.DisposeAsync();
        }

        if (_sites is not null)
        {
            await _sites.DisposeAsync();
        }

        if (_startedAzurite)
        {
            await AzuriteLauncher.StopAsync();
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
