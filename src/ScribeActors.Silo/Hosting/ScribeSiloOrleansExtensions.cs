using System.Net;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;
using ScribeActors.Grains;
using ScribeActors.Grains.Hosting;

namespace ScribeActors.Silo.Hosting;

/// <summary>The Orleans half of the silo: endpoints, Azure Storage clustering, grain state, reminders, grains, dashboard.</summary>
public static class ScribeSiloOrleansExtensions
{
    /// <summary>Configures Orleans from the silo and storage options, on the storage clients the preflight checked.</summary>
    public static WebApplicationBuilder AddScribeOrleans(this WebApplicationBuilder builder, ScribeSiloOptions silo, ScribeStorageOptions storage, BlobServiceClient blobs, TableServiceClient tables)
    {
        builder.UseOrleans(orleans =>
        {
            orleans.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = silo.ClusterId;
                o.ServiceId = silo.ServiceId;
            });
            orleans.ConfigureEndpoints(IPAddress.Parse(silo.AdvertisedIP), silo.SiloPort, silo.GatewayPort, silo.ListenOnAnyHostAddress);
            orleans.UseAzureStorageClustering(o => o.TableServiceClient = tables);
            orleans.AddAzureBlobGrainStorage(StorageNames.State, o =>
            {
                o.BlobServiceClient = blobs;
                o.ContainerName = storage.StateContainer;
            });
            orleans.UseAzureTableReminderService(o => o.TableServiceClient = tables);
            if (silo.MinimumReminderPeriod is { } period)
            {
                orleans.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = period);
            }

            if (silo.FastFailureDetection)
            {
                orleans.UseFastFailureDetection();
            }

            orleans.AddScribeGrains(silo.RoleList).UseBlobArtifacts(blobs);
            orleans.AddDashboard();
        });
        return builder;
    }

    /// <summary>Declares dead silos within a few seconds instead of the production defaults.</summary>
    private static void UseFastFailureDetection(this ISiloBuilder orleans) =>
        orleans.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 2;
            o.NumVotesForDeathDeclaration = 1;
            o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
        });
}
