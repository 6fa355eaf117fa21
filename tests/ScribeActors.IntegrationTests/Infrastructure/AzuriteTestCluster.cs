using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using ScribeActors.Client;
using ScribeActors.Grains;
using ScribeActors.Grains.Hosting;
using ScribeActors.Testing;

namespace ScribeActors.IntegrationTests.Infrastructure;

/// <summary>An Orleans TestingHost cluster whose grain state, reminders and artefacts live in Azurite under one service id,
/// so a second cluster with the same service id sees the first one's state.</summary>
public static class AzuriteTestCluster
{
    public static async Task<InProcessTestCluster> StartAsync(string serviceId, IReadOnlyDictionary<string, string?>? settings = null, short silos = 1)
    {
        await Requirements.AzuriteAsync();
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ServiceId = serviceId;
        builder.Options.ClusterId = serviceId + "-" + Guid.NewGuid().ToString("N")[..6];
        var config = new Dictionary<string, string?>
        {
            ["Scribe:Workflow:KeepAlivePeriod"] = "00:00:03",
            ["Scribe:Workflow:RetryDelay"] = "00:00:00.200",
            ["Scribe:Schedule:TickPeriod"] = "00:00:02",
        };
        foreach (var (key, value) in DemoSecrets.Settings)
        {
            config[key] = value; // the demo tasks type their passwords by placeholder
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        builder.ConfigureSiloHost((_, host) => host.Configuration.AddInMemoryCollection(config));
        builder.ConfigureSilo((_, silo) =>
        {
            var blobs = new BlobServiceClient(Requirements.AzuriteConnectionString);
            silo.AddAzureBlobGrainStorage(StorageNames.State, o =>
            {
                o.BlobServiceClient = blobs;
                o.ContainerName = "state-" + serviceId;
            });
            silo.UseAzureTableReminderService(o => o.TableServiceClient = new TableServiceClient(Requirements.AzuriteConnectionString));
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.AddScribeGrains(["browser"]).UseBlobArtifacts(blobs);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    public static ScribeClient Client(this InProcessTestCluster cluster) => new(cluster.Client);
}
