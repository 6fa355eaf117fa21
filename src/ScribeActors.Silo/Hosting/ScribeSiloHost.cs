using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace ScribeActors.Silo.Hosting;

/// <summary>Builds and starts a ScribeActors silo: Orleans on Azure Storage, dashboard, REST API and health endpoint.</summary>
public static class ScribeSiloHost
{
    /// <summary>
    /// Builds the silo's web application. Configuration comes from the usual sources (appsettings.json, environment
    /// variables such as <c>Scribe__Silo__Roles</c>, <paramref name="args"/>), then <paramref name="overrides"/>.
    /// Throws <see cref="Security.ApiKeyConfigurationException"/> naming the setting when the silo would listen beyond
    /// loopback without an API key, and <see cref="StorageUnavailableException"/> naming the setting when the storage
    /// account is missing or unreachable.
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
        builder.AddScribeSecurity(silo);
        var (blobs, tables) = await StoragePreflight.CheckAsync(storage.ConnectionString, cancellationToken);

        builder.AddScribeSiloOptions();
        builder.AddScribeWeb(silo);
        builder.AddScribeOrleans(silo, storage, blobs, tables);
        builder.AddScribeTelemetry();

        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapScribeWeb();
        return app;
    }

    internal static T Bind<T>(IConfiguration configuration, string section)
        where T : new()
    {
        var options = new T();
        configuration.GetSection(section).Bind(options);
        return options;
    }
}
