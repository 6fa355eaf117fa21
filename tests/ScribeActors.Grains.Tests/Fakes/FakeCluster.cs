using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using ScribeActors.Browser;
using ScribeActors.Client;
using ScribeActors.Grains.Hosting;
using ScribeActors.Testing;

namespace ScribeActors.Grains.Tests.Fakes;

/// <summary>An in-process cluster with memory storage and the fake web as every silo's browser host. Tests with the default
/// configuration share one per test class (<see cref="SharedCluster"/>); a test that needs another clock, other settings,
/// storage or silo roles starts its own.</summary>
public sealed class FakeCluster : IAsyncDisposable
{
    private FakeCluster(InProcessTestCluster cluster, FakeWeb web, FakeArtifacts artifacts)
    {
        Cluster = cluster;
        Web = web;
        Artifacts = artifacts;
        Client = new ScribeClient(cluster.Client);
    }

    public InProcessTestCluster Cluster { get; }

    public FakeWeb Web { get; }

    public FakeArtifacts Artifacts { get; }

    public ScribeClient Client { get; }

    public IGrainFactory Grains => Cluster.Client;

    /// <param name="rolesOfSilo">Roles per silo index; default one silo with the browser role.</param>
    public static Task<FakeCluster> StartAsync(params string[][] rolesOfSilo) => StartAsync(null, null, rolesOfSilo);

    /// <param name="time">The clock the grains see (default: the system clock).</param>
    /// <param name="settings">Extra configuration.</param>
    /// <param name="rolesOfSilo">Roles per silo index; default one silo with the browser role.</param>
    public static Task<FakeCluster> StartAsync(TimeProvider? time, IReadOnlyDictionary<string, string?>? settings, params string[][] rolesOfSilo) =>
        StartAsync(time, settings, storage: null, rolesOfSilo);

    /// <param name="time">The clock the grains see (default: the system clock).</param>
    /// <param name="settings">Extra configuration.</param>
    /// <param name="storage">Grain storage that can fail (default: Orleans' memory storage).</param>
    /// <param name="rolesOfSilo">Roles per silo index; default one silo with the browser role.</param>
    public static async Task<FakeCluster> StartAsync(TimeProvider? time, IReadOnlyDictionary<string, string?>? settings, FaultyStorage? storage, params string[][] rolesOfSilo)
    {
        if (rolesOfSilo.Length == 0)
        {
            rolesOfSilo = [["browser"]];
        }

        var web = new FakeWeb();
        var artifacts = new FakeArtifacts();
        var builder = new InProcessTestClusterBuilder((short)rolesOfSilo.Length);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Scribe:Workflow:RetryDelay"] = "00:00:00.050",
                ["Scribe:Workflow:KeepAlivePeriod"] = "00:00:05",
            });
            host.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
            host.Services.AddSingleton<IBrowserHost>(web);
            if (time is not null)
            {
                host.Services.AddKeyedSingleton(ScribeClock.Key, time);
            }
        });
        builder.ConfigureSilo((options, silo) =>
        {
            var index = int.Parse(options.SiloName.Split('_')[^1], System.Globalization.CultureInfo.InvariantCulture);
            if (storage is null)
            {
                silo.AddMemoryGrainStorage(StorageNames.State);
            }
            else
            {
                silo.Services.AddKeyedSingleton<Orleans.Storage.IGrainStorage>(StorageNames.State,
                    (sp, _) => storage.Attach(sp.GetRequiredService<Orleans.Serialization.Serializer>()));
            }

            silo.UseInMemoryReminderService();
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.AddScribeGrains(rolesOfSilo[index]);
            silo.Services.AddSingleton<Storage.IArtifactStore>(artifacts);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new FakeCluster(cluster, web, artifacts);
    }

    public async Task<Abstractions.WorkflowSnapshot> WaitAsync(string id, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        return await Client.WaitForCompletionAsync(id, cts.Token);
    }

    public Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        Eventually.TrueAsync(condition, what, timeout);

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
