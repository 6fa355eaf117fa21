using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace ScribeActors.Client.Hosting;

/// <summary>Registers <see cref="ScribeClient"/> in a host.</summary>
public static class ScribeClientHostingExtensions
{
    /// <summary>
    /// Connects the host to a ScribeActors cluster through Azure Table clustering (options from section
    /// <c>Scribe:Client</c>, then <paramref name="configure"/>) and registers <see cref="ScribeClient"/>. While no silo
    /// answers, the host start keeps trying for <see cref="ScribeClientOptions.ConnectTimeout"/>, logging a warning that
    /// says what it waits for. With <see cref="ScribeClientOptions.ApiKey"/> set, every call carries the key.
    /// Do not call it on a silo host: a silo already is a client; register <see cref="ScribeClient"/> over its
    /// <c>IGrainFactory</c> instead.
    /// </summary>
    public static IHostApplicationBuilder AddScribeClient(this IHostApplicationBuilder builder, Action<ScribeClientOptions>? configure = null)
    {
        var options = new ScribeClientOptions();
        builder.Configuration.GetSection(ScribeClientOptions.SectionName).Bind(options);
        configure?.Invoke(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new InvalidOperationException($"{ScribeClientOptions.SectionName}:ConnectionString is empty: set it to the Azure Storage account of the cluster.");
        }

        builder.Services.TryAddSingleton(TimeProvider.System);
        LogQuietly(builder);
        builder.Services.AddSingleton(options);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            client.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(options.ConnectionString));
            client.Services.AddSingleton<IClientConnectionRetryFilter, ClusterConnectRetryFilter>();
            if (!string.IsNullOrEmpty(options.ApiKey))
            {
                client.UseScribeApiKey(options.ApiKey);
            }
        });
        builder.Services.AddSingleton(sp => new ScribeClient(sp.GetRequiredService<IClusterClient>()));
        return builder;
    }

    /// <summary>The Orleans client logs every connection, gateway and type-map step at Information. Unless the app's
    /// configuration sets <c>Logging:LogLevel:Orleans</c> itself, only its warnings and errors show, so an app's own
    /// Information logs are not buried under them.</summary>
    private static void LogQuietly(IHostApplicationBuilder builder)
    {
        if (builder.Configuration[$"Logging:LogLevel:{OrleansLogCategory}"] is null)
        {
            builder.Logging.AddFilter(OrleansLogCategory, LogLevel.Warning);
        }
    }

    /// <summary>The prefix of the Orleans runtime's log categories.</summary>
    private const string OrleansLogCategory = "Orleans";

    /// <summary>Sends <paramref name="apiKey"/> with every grain call of an Orleans client you configure yourself (the
    /// silos' gateway filter requires one of their <c>Scribe:Auth:ApiKeys</c> from clients).</summary>
    public static IClientBuilder UseScribeApiKey(this IClientBuilder builder, string apiKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        builder.AddOutgoingGrainCallFilter(new ApiKeyOutgoingFilter(apiKey));
        return builder;
    }
}
