using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ScribeActors.Inference;

/// <summary>Registers model hosting.</summary>
public static class InferenceServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="ModelRegistryOptions"/> (models from <c>Scribe:Models</c>, native library from
    /// <c>Scribe:Inference:NativeLibraryPath</c>; validated at host start) and registers <see cref="ModelHost"/> as a
    /// singleton, with the named HTTP client of remote models (retries, <c>Retry-After</c> and attempt timeouts from each
    /// model's options). Nothing loads until a model is first asked for. Needs an <see cref="IConfiguration"/> in the
    /// container. Calling this twice is harmless.
    /// </summary>
    public static IServiceCollection AddScribeInference(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(ModelHost)))
        {
            return services;
        }

        services.AddOptions<ModelRegistryOptions>()
            .Configure<IConfiguration>((options, configuration) =>
            {
                configuration.GetSection(ModelRegistryOptions.SectionName).Bind(options.Models);
                options.NativeLibraryPath = configuration[ModelRegistryOptions.NativeLibraryPathKey];
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModelRegistryOptions>, ModelRegistryOptionsValidator>());
        services.AddRemoteModelHttpClient();
        services.AddSingleton<ModelHost>();
        return services;
    }
}
