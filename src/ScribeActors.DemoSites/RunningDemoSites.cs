using Microsoft.AspNetCore.Builder;
using ScribeActors.DemoSites.State;
using ScribeActors.DemoSites.Tasks;

namespace ScribeActors.DemoSites;

/// <summary>Started demo sites; disposing stops them.</summary>
public sealed class RunningDemoSites : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DemoStore _store;

    internal RunningDemoSites(WebApplication app, Uri baseUrl, DemoStore store)
    {
        _app = app;
        _store = store;
        BaseUrl = baseUrl;
    }

    /// <summary>The bound base address, ending in <c>/</c>, for example <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The seed of the current state.</summary>
    public int Seed => _store.Seed;

    /// <summary>A snapshot of the server state, the same as <c>GET /api/state</c>.</summary>
    public DemoState GetState() => _store.Snapshot();

    /// <summary>Resets all state to <paramref name="seed"/>, the same as <c>POST /api/reset?seed=N</c>.</summary>
    public void Reset(int seed) => _store.Reset(seed);

    /// <summary>The task catalogue for this base URL and the current seed.</summary>
    public IReadOnlyList<DemoTask> CreateTasks() => DemoTaskCatalog.Create(BaseUrl, Seed);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
