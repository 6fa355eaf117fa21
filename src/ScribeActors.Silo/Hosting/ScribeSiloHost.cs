using System.Net;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using ScribeActors.Grains;
using ScribeActors.Grains.Hosting;
using ScribeActors.Silo.Api;

namespace ScribeActors.Silo.Hosting;

/// <summary>Builds and starts a ScribeActors silo: Orleans on Azure Storage, dashboard, REST API and health endpoint.</summary>
public static class ScribeSiloHost
{
    /// <summary>
    /// Builds the silo's web application. Configuration comes from the usual sources (appsettings.json, environment
    /// variables such as <c>Scribe__Silo__Roles</c>, <paramref name="args"/>), then <paramref name="overrides"/>.
    /// Checks the storage account first and throws <see cref="StorageUnavailableException"/> naming the setting
    /// when it is missing or unreachable.
    /// </summary>
    public static async Task<WebApplication> BuildAsync(
        string[] args,
        IReadOnlyDictionary<string, string?>? overrides = null,
        Action<WebApplicationBuilder>? configure = null,
        CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        var silo = Bind<ScribeSiloOptions>(builder.Configuration, ScribeSiloOptions.SectionName);
        var storage = Bind<ScribeStorageOptions>(builder.Configuration, ScribeStorageOptions.SectionName);
        var (blobs, tables) = await StoragePreflight.CheckAsync(storage.ConnectionString, cancellationToken);

        var bind = silo.ListenOnAnyHostAddress ? "0.0.0.0" : silo.AdvertisedIP;
        builder.WebHost.UseUrls($"http://{bind}:{silo.WebPort}");
        builder.Services.AddOptions<ScribeSiloOptions>().BindConfiguration(ScribeSiloOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ScribeStorageOptions>().BindConfiguration(ScribeStorageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddHealthChecks();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));

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
                orleans.Configure<ClusterMembershipOptions>(o =>
                {
                    o.ProbeTimeout = TimeSpan.FromSeconds(1);
                    o.NumMissedProbesLimit = 2;
                    o.NumVotesForDeathDeclaration = 1;
                    o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
                    o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
                });
            }

            orleans.AddScribeGrains(silo.RoleList).UseBlobArtifacts(blobs);
            orleans.AddDashboard();
        });

        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapHealthChecks("/health");
        app.MapOrleansDashboard("/dashboard");
        app.MapScribeApi();
        app.MapGet("/", () => Results.Redirect("/dashboard/"));
        return app;
    }

    private static T Bind<T>(IConfiguration configuration, string section)
        where T : new()
    {
        var options = new T();
        configuration.GetSection(section).Bind(options);
        return options;
    }
}
