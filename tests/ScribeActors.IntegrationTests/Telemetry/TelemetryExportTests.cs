using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScribeActors.Abstractions;
using ScribeActors.Browser;
using ScribeActors.IntegrationTests.Infrastructure;
using ScribeActors.Silo.Telemetry;
using ScribeActors.Testing;

namespace ScribeActors.IntegrationTests.Telemetry;

/// <summary>A demo task replayed on a real silo (Azurite, Chromium, demo sites) configured to export over OTLP: to a
/// loopback receiver, the step spans and step metrics arrive (and, for model steps on the tiny GGUF, the inference spans
/// and metrics); to an endpoint that is down, the workflow still succeeds and the silo says so once in its log. Where
/// the spans sit in the trace is checked by WorkflowTelemetryTests.</summary>
[Trait("Suite", "Integration"), Trait("Needs", "Azurite,Chromium")]
public sealed class TelemetryExportTests : IAsyncLifetime
{
    private const string TaskId = "supplier.download-invoice";
    private DemoWorld _world = null!;

    public async Task InitializeAsync()
    {
        Requirements.Chromium();
        _world = await DemoWorld.StartAsync(seed: 3);
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Replay_WithOtlpReceiver_ExportsStepSpansAndMetrics()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var silo = await TestSilo.StartAsync(extra: Settings(receiver.Url));

        var final = await ReplayAsync(silo);

        var actions = final.Steps.Count(s => s.Action is not null);
        await Eventually.TrueAsync(
            () => receiver.CountInTraces("scribe.workflow.step") >= final.Steps.Length && receiver.TracesHold(final.Id, "scribe.workflow.act"),
            $"the {final.Steps.Length} step spans of {final.Id} at the receiver ({receiver.TraceExports} trace exports so far)",
            TimeSpan.FromSeconds(15));
        Assert.True(receiver.TracesHold("scribe.workflow.step", "scribe.workflow.observe", "scribe.workflow.decide", "scribe.workflow.persist", "scribe.workflow.act"), "a trace export holds a step with its phases");
        Assert.True(receiver.TracesHold("scribe.step.action", "click", "scribe.step.outcome", "succeeded", "scribe.step.index"), "the step spans carry action, outcome and index tags");
        Assert.True(receiver.TracesHold("ScribeActors.Workflows", "scribe-silo"), "the spans name their source and the service");
        Assert.Equal(actions + 1, final.Steps.Length); // the replay ends with a finish step, which has no action

        await Eventually.TrueAsync(
            () => receiver.MetricsHold("scribe.workflow.steps", "scribe.workflow.step.duration", "scribe.browser.contexts", "succeeded"),
            $"the step metrics at the receiver ({receiver.MetricExports} metric exports so far)",
            TimeSpan.FromSeconds(10));
    }

    [Fact]
    [Trait("Needs", "Model")]
    public async Task ModelSteps_WithOtlpReceiver_ExportInferenceSpansAndMetrics()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var settings = Settings(receiver.Url);
        settings["Scribe:Models:tiny:Path"] = TestModels.Stories260K;
        settings["Scribe:Models:tiny:ContextSize"] = "2048";
        settings["Scribe:Models:tiny:Threads"] = "2";
        settings["Scribe:Workflow:MaxModelActionFailures"] = "50";
        await using var silo = await TestSilo.StartAsync(extra: settings);
        var task = _world.Task(TaskId);
        var spec = new WorkflowSpec
        {
            Objective = task.Objective,
            StartUrl = task.StartUrl,
            AllowedHosts = [_world.Host],
            MaxSteps = 2,
            StepSource = StepSourceSpec.ForModel(new ModelRef { ModelId = "tiny", Options = new ModelStepOptions { Temperature = 0.9f, Seed = 5 } }),
        };

        var started = await silo.Client.StartAsync(spec);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var final = await silo.Client.WaitForCompletionAsync(started.Id, timeout.Token);

        Assert.NotEmpty(final.Steps); // the tiny model writes stories: it ends at the step limit, its steps recorded
        await Eventually.TrueAsync(
            () => receiver.TracesHold(final.Id, "scribe.inference.next_step", "scribe.inference.prune", "scribe.inference.fit", "scribe.inference.prefill", "scribe.inference.decode", "tiny"),
            $"the inference spans of {final.Id} at the receiver ({receiver.TraceExports} trace exports so far)",
            TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(
            () => receiver.MetricsHold("scribe.inference.queue.length", "scribe.inference.tokens", "scribe.inference.tokens_per_second", "scribe.inference.duration"),
            $"the inference metrics at the receiver ({receiver.MetricExports} metric exports so far)",
            TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Replay_WithOtlpEndpointDown_SucceedsAndWarnsOnce()
    {
        var down = new Uri($"http://127.0.0.1:{Requirements.FreeTcpPort()}/"); // nothing listens there
        var logs = new CapturedLogs();
        await using var silo = await TestSilo.StartAsync(extra: Settings(down), configure: b => b.Logging.AddProvider(logs));
        var watcher = silo.Service<OtlpExportWatcher>();

        var final = await ReplayAsync(silo);

        // Metrics and spans go out every 200 ms: wait for several failed exports of both.
        await Eventually.TrueAsync(() => watcher.FailedExports >= 5 && watcher.FailedExportsTo("/v1/traces") >= 1, $"failed exports to {down} (so far {watcher.FailedExports})", TimeSpan.FromSeconds(15));
        var warnings = logs.Entries.Where(e => e.Contains("[1500]", StringComparison.Ordinal)).ToList();
        var warning = Assert.Single(warnings);
        Assert.StartsWith("Warning", warning, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{down.Port}", warning, StringComparison.Ordinal);
        Assert.True(watcher.IsDown);
        Assert.Equal(WorkflowStatus.Succeeded, final.Status);
    }

    private static Dictionary<string, string?> Settings(Uri endpoint) => new()
    {
        ["Scribe:Telemetry:OtlpEndpoint"] = endpoint.AbsoluteUri,
        ["Scribe:Telemetry:MetricExportInterval"] = "00:00:00.200",
        ["Scribe:Telemetry:TraceExportDelay"] = "00:00:00.200",
    };

    private async Task<WorkflowSnapshot> ReplayAsync(TestSilo silo)
    {
        var task = _world.Task(TaskId);
        var recording = await _world.RecordAsync(silo.Service<IBrowserHost>(), task);
        var started = await silo.Client.StartAsync(_world.Spec(task, recording));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var final = await silo.Client.WaitForCompletionAsync(started.Id, timeout.Token);
        Assert.True(final.Status == WorkflowStatus.Succeeded, $"{TaskId} ended {final.Status}: {final.FailureReason}");
        return final;
    }
}
