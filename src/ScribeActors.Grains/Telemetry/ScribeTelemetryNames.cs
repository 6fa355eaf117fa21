using ScribeActors.Browser;

namespace ScribeActors.Grains.Telemetry;

/// <summary>
/// The names of the silo's <see cref="System.Diagnostics.ActivitySource"/>s and <see cref="System.Diagnostics.Metrics.Meter"/>s,
/// one per area, for whoever listens (the silo's OpenTelemetry registration, a test, <c>dotnet-counters</c>). The
/// instruments and tags under each are listed in <c>docs/telemetry.md</c>.
/// </summary>
public static class ScribeTelemetryNames
{
    /// <summary>Workflow steps: a span per step (observe, decide, act, persist inside) and the step metrics.</summary>
    public const string Workflows = "ScribeActors.Workflows";

    /// <summary>Model inference: spans for prune, fit, queue, prefill and decode inside a step's decide span; queue
    /// length and token metrics.</summary>
    public const string Inference = "ScribeActors.Inference";

    /// <summary>The browser host's gauges (contexts, renderers, memory) and counters (recycles, sweeps).</summary>
    public const string Browser = PlaywrightBrowserHost.MeterName;

    /// <summary>Every activity source the silo creates spans on.</summary>
    public static IReadOnlyList<string> ActivitySources { get; } = [Workflows, Inference];

    /// <summary>Every meter the silo reports on.</summary>
    public static IReadOnlyList<string> Meters { get; } = [Workflows, Inference, Browser];
}
