using ScribeActors.Abstractions;
using ScribeActors.Browser;
using ScribeActors.Browser.Recording;
using ScribeActors.DemoSites;
using ScribeActors.DemoSites.Tasks;

namespace ScribeActors.IntegrationTests.Infrastructure;

/// <summary>Demo sites over real HTTP plus helpers to record a task's expert solution and check the server state.</summary>
public sealed class DemoWorld : IAsyncDisposable
{
    private readonly HttpClient _http = new();

    private DemoWorld(RunningDemoSites sites, int seed)
    {
        Sites = sites;
        Seed = seed;
        Client = new DemoSitesClient(_http, sites.BaseUrl);
    }

    public RunningDemoSites Sites { get; }

    public int Seed { get; }

    public DemoSitesClient Client { get; }

    public string Host => HostPattern.Of(Sites.BaseUrl);

    public static async Task<DemoWorld> StartAsync(int seed = 3) =>
        new(await DemoSitesApp.StartAsync("http://127.0.0.1:0", seed), seed);

    public DemoTask Task(string id) => DemoTaskCatalog.Create(Sites.BaseUrl, Seed).Single(t => t.Id == id);

    public IReadOnlyList<DemoTask> Tasks() => DemoTaskCatalog.Create(Sites.BaseUrl, Seed);

    /// <summary>Records the task's expert solution in <paramref name="browsers"/>, then resets the sites so the replay
    /// has to do the work again.</summary>
    public async Task<RecordedWorkflow> RecordAsync(IBrowserHost browsers, DemoTask task)
    {
        await Client.ResetAsync(Seed);
        var recording = await browsers.RecordAsync(task.Objective, task.StartUrl, task.Script, [Host], $"demo:{task.Id} seed={Seed}");
        await Client.ResetAsync(Seed);
        return recording;
    }

    public WorkflowSpec Spec(DemoTask task, RecordedWorkflow recording, int? maxSteps = null) => new()
    {
        Objective = task.Objective,
        StartUrl = task.StartUrl,
        AllowedHosts = [Host],
        MaxSteps = maxSteps ?? recording.Steps.Length + 10,
        StepSource = StepSourceSpec.ForReplay(recording),
    };

    public async ValueTask DisposeAsync()
    {
        await Sites.DisposeAsync();
        _http.Dispose();
    }
}
