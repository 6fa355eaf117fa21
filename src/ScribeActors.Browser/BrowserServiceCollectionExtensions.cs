using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ScribeActors.Browser;

/// <summary>Registers the browser adapter.</summary>
public static class BrowserServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="BrowserOptions"/> from the configuration section <c>Scribe:Browser</c> (validated at host start)
    /// and registers <see cref="PlaywrightBrowserHost"/> as the process-wide <see cref="IBrowserHost"/> unless one is
    /// registered already. Chromium itself starts lazily, on the first session. Calling this twice is harmless.
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
        services.TryAddSingleton<IBrowserHost, PlaywrightBrowserHost>();
        return services;
    }
}
