using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ScribeActors.Browser.Secrets;

namespace ScribeActors.Browser;

/// <summary>Registers the browser adapter.</summary>
public static class BrowserServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="BrowserOptions"/> from the configuration section <c>Scribe:Browser</c> (validated at host start)
    /// and registers <see cref="PlaywrightBrowserHost"/> as the process-wide <see cref="IBrowserHost"/> unless one is
    /// registered already. Chromium itself starts lazily, on the first session. Reads the secrets of
    /// <see cref="SecretsOptions"/> (<c>Scribe:Secrets</c>, validated at host start) and registers
    /// <see cref="ConfigurationSecretProvider"/> as the <see cref="ISecretProvider"/> unless one is registered already
    /// (register a vault-backed provider to replace it). Calling this twice is harmless.
    /// </summary>
    public static IServiceCollection AddScribeBrowser(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<BrowserOptions>) && d.ImplementationType == typeof(BrowserOptionsValidator)))
        {
            // Binding twice would append configured ExtraArgs a second time.
            return services;
        }

        services.AddOptions<BrowserOptions>()
            .BindConfiguration(BrowserOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<BrowserOptions>, BrowserOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<SecretsOptions>()
            .Configure<IConfiguration>((secrets, configuration) => secrets.ReadFrom(configuration.GetSection(SecretsOptions.SectionName)))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecretsOptions>, SecretsOptionsValidator>();
        services.TryAddSingleton<ISecretProvider, ConfigurationSecretProvider>();
        services.TryAddSingleton<IBrowserHost, PlaywrightBrowserHost>();
        return services;
    }
}
