using System.Diagnostics;
using System.Diagnostics.Metrics;
using ScribeActors.Abstractions;
using ScribeActors.Grains.Telemetry;

namespace ScribeActors.Grains.Inference;

/// <summary>The inference area's activity source (its spans sit inside a workflow step's decide span, see
/// <see cref="Workflows.WorkflowTelemetry"/>) and metrics: requests in the inference grain, tokens, decode rate.</summary>
internal static class InferenceTelemetry
{
    public static readonly ActivitySource Source = new(ScribeTelemetryNames.Inference);

    private static readonly Meter Meter = new(ScribeTelemetryNames.Inference);
    private static readonly UpDownCounter<long> Queue = Meter.CreateUpDownCounter<long>("scribe.inference.queue.length", "{request}", "Next-step requests in the inference grain, waiting for a decoding slot or being decoded");
    private static readonly Counter<long> Tokens = Meter.CreateCounter<long>("scribe.inference.tokens", "{token}", "Tokens evaluated (prompt) and generated (output)");
    private static readonly Histogram<double> DecodeRate = Meter.CreateHistogram<double>("scribe.inference.tokens_per_second", "{token}/s", "Output tokens per second of decoding, per request");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("scribe.inference.duration", "ms", "Time of a whole next-step request in the inference grain");

    /// <summary>Counts a request in until the returned scope is disposed.</summary>
    public static Queued Enter(string modelId)
    {
        var tags = new TagList { { "scribe.model.id", modelId } };
        Queue.Add(1, tags);
        return new Queued(tags);
    }

    /// <summary>Records what a finished request cost.</summary>
    public static void Record(StepInference inference)
    {
        var model = new KeyValuePair<string, object?>("scribe.model.id", inference.ModelId);
        Tokens.Add(inference.PromptTokens, model, new("scribe.token.type", "prompt"));
        Tokens.Add(inference.OutputTokens, model, new("scribe.token.type", "output"));
        Duration.Record(inference.TotalMs, model);
        if (inference.DecodeMs > 0 && inference.OutputTokens > 0)
        {
            DecodeRate.Record(inference.OutputTokens / (inference.DecodeMs / 1000), model);
        }
    }

    /// <summary>A request counted in <see cref="Queue"/> until disposed.</summary>
    public readonly struct Queued(TagList tags) : IDisposable
    {
        /// <inheritdoc />
        public void Dispose() => Queue.Add(-1, tags);
    }
}
