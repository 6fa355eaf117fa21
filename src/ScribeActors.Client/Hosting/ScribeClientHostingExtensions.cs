using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace ScribeActors.Client.Hosting;

/// <summary>Registers <see cref="ScribeClient"/> in a host.</summary>
public static class ScribeClientHostingExtensions
{
    /// <summary>
    /// Connects the host to a ScribeActors cluster through Azure Table clustering (options from section
    /// <c>Scribe:Client</c>, then <paramref name="configure"/>) and registers <see cref="ScribeClient"/>.
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

        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            client.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(options.ConnectionString));
            var deadline = DateTimeOffset.UtcNow + options.ConnectTimeout;
            client.UseConnectionRetryFilter(async (exception, cancellationToken) =>
            {
                // Keep trying while the cluster starts (or fails over), up to ConnectTimeout; then the host start fails.
                if (DateTimeOffset.UtcNow >= deadline)
                {
                    return false;
                }

                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                return true;
            });
        });
        builder.Services.AddSingleton(sp => new ScribeClient(sp.GetRequiredService<IClusterClient>()));
        return builder;
    }
}
