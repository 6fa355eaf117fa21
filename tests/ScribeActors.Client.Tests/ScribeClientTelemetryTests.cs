using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ScribeActors.Client.Tests;

/// <summary>Each SDK call is a client span on <see cref="ScribeClientTelemetry.ActivitySourceName"/> and a duration on
/// <see cref="ScribeClientTelemetry.MeterName"/>, read here by plain listeners (the SDK configures no exporter).</summary>
public sealed class ScribeClientTelemetryTests
{
    [Fact]
    public async Task GetAsync_FailingCall_IsAClientSpanWithTheWorkflowIdAndTheError()
    {
        var id = "wf-" + Guid.NewGuid().ToString("N");
        var spans = new ConcurrentQueue<Activity>();
        var durations = new ConcurrentQueue<(double Ms, Dictionary<string, object?> Tags)>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == ScribeClientTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ScribeClientTelemetry.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<double>((_, value, tags, _) => durations.Enqueue((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        meters.Start();
        var client = new ScribeClient(ScribeClientTests.Unreachable.Create());

        await Assert.ThrowsAnyAsync<Exception>(() => client.GetAsync(id));

        var span = Assert.Single(spans, s => Equals(s.GetTagItem("scribe.workflow.id"), id));
        Assert.Equal("scribe.client.get", span.OperationName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.NotNull(span.GetTagItem("error.type"));
        Assert.Contains(durations, d => Equals(d.Tags.GetValueOrDefault("scribe.client.operation"), "get") && d.Tags.ContainsKey("error.type") && d.Ms >= 0);
    }

    [Fact]
    public void Names_AreTheAreasPublicConstants()
    {
        Assert.Equal("ScribeActors.Client", ScribeClientTelemetry.ActivitySourceName);
        Assert.Equal("ScribeActors.Client", ScribeClientTelemetry.MeterName);
    }
}
