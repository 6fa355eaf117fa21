using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ScribeActors.Abstractions;
using ScribeActors.Browser;
using ScribeActors.Browser.Recording;
using ScribeActors.Client;
using ScribeActors.DemoSites;
using ScribeActors.DemoSites.Tasks;
using ScribeActors.Silo.Hosting;
using ScribeActors.Testing;

namespace ScribeActors.Bench;

/// <summary>Demo sites plus an embedded production-composed silo on Azurite (unique service id per run).</summary>
internal sealed class BenchWorld : IAsyncDisposable
{
    private readonly HttpClient _http = new();

    private BenchWorld(RunningDemoSites sites, WebApplication silo, int seed)
    {
        Sites = sites;
        Silo = silo;
        Seed = seed;
        SiteClient = new DemoSitesClient(_http, sites.BaseUrl);
        Client = new ScribeClient(silo.Services.GetRequiredService<IGrainFactory>());
    }

    public RunningDemoSites Sites { get; }

    public WebApplication Silo { get; }

    public int Seed { get; }

    public DemoSitesClient SiteClient { get; }

    public ScribeClient Client { get; }

    public IBrowserHost Browsers => Silo.Services.GetRequiredService<IBrowserHost>();

    /// <summary>The silo's web port (REST API, viewer), with a trailing slash.</summary>
    public Uri WebUrl { get; private init; } = null!;

    public static async Task<BenchWorld> StartAsync(int seed = 3, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var sites = await DemoSitesApp.StartAsync("http://127.0.0.1:0", seed);
        var id = "bench" + Guid.NewGuid().ToString("N")[..8];
        var settings = new Dictionary<string, string?>
        {
            ["Scribe:Silo:ClusterId"] = id,
            ["Scribe:Silo:ServiceId"] = id,
            ["Scribe:Silo:SiloPort"] = SiloProcess.FreeTcpPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Scribe:Silo:GatewayPort"] = SiloProcess.FreeTcpPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Scribe:Silo:WebPort"] = SiloProcess.FreeTcpPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Scribe:Storage:StateContainer"] = "state-" + id,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in DemoSecrets.Settings.Concat(extra ?? new Dictionary<string, string?>()))
        {
            settings[key] = value;
        }

        var silo = await ScribeSiloHost.BuildAsync([], settings, b => b.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = Microsoft.Extensions.Logging.LogLevel.Trace));
        await silo.StartAsync();
        return new BenchWorld(sites, silo, seed) { WebUrl = new Uri($"http://127.0.0.1:{settings["Scribe:Silo:WebPort"]}/") };
    }

    public DemoTask Task(string id) => DemoTaskCatalog.Get(Sites.BaseUrl, Seed, id);

    public async Task<RecordedWorkflow> RecordAsync(DemoTask task)
    {
        await SiteClient.ResetAsync(Seed);
        var recording = await Browsers.RecordAsync(task.Objective, task.StartUrl, task.Script, [HostPattern.Of(Sites.BaseUrl)], $"bench:{task.Id}");
        await SiteClient.ResetAsync(Seed);
        return recording;
    }

    public WorkflowSpec Spec(DemoTask task, RecordedWorkflow recording) => new()
    {
        Objective = task.Objective,
        StartUrl = task.StartUrl,
        AllowedHosts = [HostPattern.Of(Sites.BaseUrl)],
        MaxSteps = recording.Steps.Length + 10,
        StepSource = StepSourceSpec.ForReplay(recording),
    };

    public async ValueTask DisposeAsync()
    {
        await Silo.StopAsync();
        await Silo.DisposeAsync();
        await Sites.DisposeAsync();
        _http.Dispose();
    }
}
