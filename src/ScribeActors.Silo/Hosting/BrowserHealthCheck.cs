using Microsoft.Extensions.Diagnostics.HealthChecks;
using ScribeActors.Browser;

namespace ScribeActors.Silo.Hosting;

/// <summary>What the silo's browser holds (contexts, renderer processes, memory, recycling), for <c>/health/details</c>.
/// Always healthy: a browser that cannot start is reported by the workflows that need it.</summary>
internal sealed class BrowserHealthCheck(IBrowserHost browser) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var stats = await browser.GetStatsAsync(cancellationToken);
        var data = new Dictionary<string, object>
        {
            ["launched"] = stats.Launched,
            ["contexts"] = stats.Contexts,
            ["warmContexts"] = stats.WarmContexts,
            ["contextsSinceLaunch"] = stats.ContextsSinceLaunch,
            ["recycles"] = stats.Recycles,
            ["sweptSessions"] = stats.SweptSessions,
        };
        if (stats.Renderers is { } renderers)
        {
            data["renderers"] = renderers;
        }

        if (stats.Processes is { } processes)
        {
            data["processes"] = processes;
        }

        if (stats.MemoryBytes is { } memory)
        {
            data["memoryBytes"] = memory;
        }

        return HealthCheckResult.Healthy(stats.Launched ? $"Chromium with {stats.Contexts} open contexts" : "Chromium not launched yet", data);
    }
}
