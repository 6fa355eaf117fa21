using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ScribeActors.Silo.Hosting;

/// <summary>Registers the silo host's own options, each validated at start.</summary>
public static class ScribeSiloOptionsExtensions
{
    /// <summary>Binds <see cref="ScribeSiloOptions"/> and <see cref="ScribeStorageOptions"/> with validation at start, and
    /// gives the host time to hand grains over on shutdown.</summary>
    public static WebApplicationBuilder AddScribeSiloOptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ScribeSiloOptions>().BindConfiguration(ScribeSiloOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScribeSiloOptions>, ScribeSiloOptionsValidator>());
        builder.Services.AddOptions<ScribeStorageOptions>().BindConfiguration(ScribeStorageOptions.SectionName).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScribeStorageOptions>, ScribeStorageOptionsValidator>());
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        return builder;
    }
}
