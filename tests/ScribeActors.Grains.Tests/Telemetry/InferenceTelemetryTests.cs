using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ScribeActors.Abstractions;
using ScribeActors.Grains.Inference;
using ScribeActors.Grains.Telemetry;

namespace ScribeActors.Grains.Tests.Telemetry;

/// <summary><see cref="InferenceTelemetry"/>'s queue length, tokens and decode rate, read by a plain meter listener and
/// told apart from other tests' measurements by a model id of their own.</summary>
[Trait("Suite", "Unit")]
public sealed class InferenceTelemetryTests
{
    [Fact]
    public void EnterAndRecord_OneRequest_CountsItInAndOutAndRecordsTokensAndRate()
    {
        var model = "model-" + Guid.NewGuid().ToString("N");
        var seen = new ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ScribeTelemetryNames.Inference)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        void Keep(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var all = tags.ToArray().ToDictionary(t => t.Key, t => t.Value);
            if (Equals(all.GetValueOrDefault("scribe.model.id"), model))
            {
                seen.Enqueue((instrument.Name, value, all));
            }
        }

        listener.SetMeasurementEventCallback<long>((i, v, t, _) => Keep(i, v, t));
        listener.SetMeasurementEventCallback<double>((i, v, t, _) => Keep(i, v, t));
        listener.Start();

        using (InferenceTelemetry.Enter(model))
        {
            Assert.Equal([1.0], seen.Where(s => s.Instrument == "scribe.inference.queue.length").Select(s => s.Value));
            InferenceTelemetry.Record(new StepInference { ModelId = model, PromptTokens = 900, OutputTokens = 30, DecodeMs = 300, TotalMs = 500 });
        }

        Assert.Equal([1.0, -1.0], seen.Where(s => s.Instrument == "scribe.inference.queue.length").Select(s => s.Value));
        Assert.Equal(100, Assert.Single(seen, s => s.Instrument == "scribe.inference.tokens_per_second").Value, 6);
        Assert.Equal(900, Assert.Single(seen, s => s.Instrument == "scribe.inference.tokens" && Equals(s.Tags["scribe.token.type"], "prompt")).Value);
        Assert.Equal(30, Assert.Single(seen, s => s.Instrument == "scribe.inference.tokens" && Equals(s.Tags["scribe.token.type"], "output")).Value);
        Assert.Equal(500, Assert.Single(seen, s => s.Instrument == "scribe.inference.duration").Value);
    }
}
