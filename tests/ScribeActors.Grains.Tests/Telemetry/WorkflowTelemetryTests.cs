using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ScribeActors.Abstractions;
using ScribeActors.Agent.Recovery;
using ScribeActors.Grains.Telemetry;
using ScribeActors.Grains.Workflows;

namespace ScribeActors.Grains.Tests.Telemetry;

/// <summary><see cref="WorkflowTelemetry"/> read back through OpenTelemetry's in-memory exporter. Spans are told apart
/// from other tests' by a workflow id of their own; counters are shared by the process, so they are compared before
/// and after.</summary>
[Trait("Suite", "Unit")]
public sealed class WorkflowTelemetryTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 5, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RecordStep_ModelStep_WritesOneTraceWithPhasesAndInferenceInsideDecide()
    {
        var spans = new List<Activity>();
        var id = "wf-" + Guid.NewGuid().ToString("N");
        using (var tracing = Sdk.CreateTracerProviderBuilder().AddSource([.. ScribeTelemetryNames.ActivitySources]).AddInMemoryExporter(spans).Build())
        {
            using var caller = new Activity("grain call").Start(); // the loop runs under some grain call: not the parent
            WorkflowTelemetry.RecordStep(id, ModelStep(4));
            Assert.Same(caller, Activity.Current);
        }

        var step = Assert.Single(spans, s => s.OperationName == WorkflowTelemetry.StepSpan && Equals(s.GetTagItem("scribe.workflow.id"), id));
        Assert.Equal(default, step.ParentSpanId);
        Assert.Equal(4, step.GetTagItem("scribe.step.index"));
        Assert.Equal("click", step.GetTagItem("scribe.step.action"));
        Assert.Equal("succeeded", step.GetTagItem("scribe.step.outcome"));
        Assert.Equal(Start.UtcDateTime, step.StartTimeUtc);
        Assert.Equal(TimeSpan.FromMilliseconds(1000), step.Duration);

        var trace = spans.Where(s => s.TraceId == step.TraceId).ToDictionary(s => s.OperationName);
        Assert.Equal(
            ["scribe.inference.decode", "scribe.inference.fit", "scribe.inference.next_step", "scribe.inference.prefill", "scribe.inference.prune", "scribe.inference.queue", "scribe.workflow.act", "scribe.workflow.decide", "scribe.workflow.observe", "scribe.workflow.persist", "scribe.workflow.step"],
            trace.Keys.Order(StringComparer.Ordinal));
        foreach (var phase in new[] { "observe", "decide", "persist", "act" })
        {
            Assert.Equal(step.SpanId, trace["scribe.workflow." + phase].ParentSpanId);
        }

        Assert.Equal(TimeSpan.FromMilliseconds(50), trace["scribe.workflow.observe"].Duration);
        Assert.Equal(Start.UtcDateTime.AddMilliseconds(50), trace["scribe.workflow.decide"].StartTimeUtc);
        Assert.Equal(TimeSpan.FromMilliseconds(600), trace["scribe.workflow.decide"].Duration);
        Assert.Equal(Start.UtcDateTime.AddMilliseconds(1000), trace["scribe.workflow.act"].StartTimeUtc + trace["scribe.workflow.act"].Duration);
        Assert.Equal(TimeSpan.FromMilliseconds(200), trace["scribe.workflow.act"].Duration);
        Assert.Equal(Start.UtcDateTime.AddMilliseconds(800), trace["scribe.workflow.persist"].StartTimeUtc + trace["scribe.workflow.persist"].Duration);

        var inference = trace["scribe.inference.next_step"];
        Assert.Equal(trace["scribe.workflow.decide"].SpanId, inference.ParentSpanId);
        Assert.Equal("tiny", inference.GetTagItem("scribe.model.id"));
        Assert.Equal(TimeSpan.FromMilliseconds(500), inference.Duration);
        Assert.Equal(Start.UtcDateTime.AddMilliseconds(150), inference.StartTimeUtc); // ends with decide
        Assert.All(new[] { "prune", "fit", "queue", "prefill", "decode" }, n => Assert.Equal(inference.SpanId, trace["scribe.inference." + n].ParentSpanId));
        Assert.Equal(TimeSpan.FromMilliseconds(300), trace["scribe.inference.decode"].Duration);
        Assert.Equal(trace["scribe.inference.prefill"].StartTimeUtc + trace["scribe.inference.prefill"].Duration, trace["scribe.inference.decode"].StartTimeUtc);
    }

    [Fact]
    public void RecordStep_FailedAction_MarksTheSpanAndCountsTheFailureKind()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        var id = "wf-" + Guid.NewGuid().ToString("N");
        using var meters = Sdk.CreateMeterProviderBuilder().AddMeter(ScribeTelemetryNames.Workflows).AddInMemoryExporter(metrics).Build();
        using (var tracing = Sdk.CreateTracerProviderBuilder().AddSource(ScribeTelemetryNames.Workflows).AddInMemoryExporter(spans).Build())
        {
            WorkflowTelemetry.RecordStep(id, ModelStep(1) with { Inference = null, Outcome = ActionResult.Fail(ActionFailureKind.HostNotAllowed, "not allowed") });
        }

        WorkflowTelemetry.RecordFault(InfrastructureFault.StorageUnavailable);
        meters.ForceFlush();

        var step = Assert.Single(spans, s => s.OperationName == WorkflowTelemetry.StepSpan && Equals(s.GetTagItem("scribe.workflow.id"), id));
        Assert.Equal(ActivityStatusCode.Error, step.Status);
        Assert.Equal("failed", step.GetTagItem("scribe.step.outcome"));
        Assert.Equal("HostNotAllowed", step.GetTagItem("scribe.failure.kind"));
        Assert.DoesNotContain(spans, s => s.TraceId == step.TraceId && s.Source.Name == ScribeTelemetryNames.Inference);

        Assert.True(Sum(metrics, "scribe.workflow.failures", ("scribe.failure.kind", "HostNotAllowed"), ("scribe.failure.source", "action")) >= 1);
        Assert.True(Sum(metrics, "scribe.workflow.failures", ("scribe.failure.kind", "StorageUnavailable"), ("scribe.failure.source", "infrastructure")) >= 1);
        Assert.True(Sum(metrics, "scribe.workflow.steps", ("scribe.step.action", "click"), ("scribe.step.outcome", "failed")) >= 1);
        var duration = Assert.Single(metrics, m => m.Name == "scribe.workflow.step.duration");
        Assert.Equal("ms", duration.Unit);
        Assert.Equal(MetricType.Histogram, duration.MetricType);
    }

    [Fact]
    public void RecordStep_WithoutListeners_CreatesNoSpan()
    {
        var step = ModelStep(0);
        using var listener = new ActivityListener { ShouldListenTo = _ => false };
        ActivitySource.AddActivityListener(listener);

        WorkflowTelemetry.RecordStep("wf-unheard", step); // nothing to assert but that it does not throw or leak Current
        Assert.Null(Activity.Current);
    }

    [Theory]
    [InlineData(null, "none", "no_action")]
    [InlineData(true, "click", "succeeded")]
    [InlineData(false, "click", "failed")]
    public void ActionAndOutcome_AreLowCardinalityTagValues(bool? succeeded, string action, string outcome)
    {
        var step = new StepRecord
        {
            Index = 0,
            Action = succeeded is null ? null : BrowserAction.Click(3),
            Outcome = succeeded switch { null => null, true => ActionResult.Success(null, TimeSpan.Zero), false => ActionResult.Fail(ActionFailureKind.Timeout, "slow") },
        };

        Assert.Equal(action, WorkflowTelemetry.ActionOf(step));
        Assert.Equal(outcome, WorkflowTelemetry.OutcomeOf(step));
    }

    private static StepRecord ModelStep(int index) => new()
    {
        Index = index,
        Phase = StepPhase.Done,
        Action = BrowserAction.Click(7),
        Outcome = ActionResult.Success("http://127.0.0.1/next", TimeSpan.FromMilliseconds(200)),
        StartedAt = Start,
        FinishedAt = Start.AddMilliseconds(1000),
        ObserveMs = 50,
        DecideMs = 600,
        PersistMs = 30,
        ExecuteMs = 200,
        Inference = new StepInference { ModelId = "tiny", PromptTokens = 900, OutputTokens = 30, PruneMs = 20, FitMs = 30, QueueMs = 0, PrefillMs = 150, DecodeMs = 300, TotalMs = 500 },
    };

    private static long Sum(List<Metric> metrics, string name, params (string Key, string Value)[] tags)
    {
        long sum = 0;
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var all = new Dictionary<string, object?>();
                foreach (var tag in point.Tags)
                {
                    all[tag.Key] = tag.Value;
                }

                if (tags.All(t => Equals(all.GetValueOrDefault(t.Key), t.Value)))
                {
                    sum += point.GetSumLong();
                }
            }
        }

        return sum;
    }
}
