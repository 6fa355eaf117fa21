using ScribeActors.Abstractions;
using ScribeActors.Agent;
using ScribeActors.Browser;
using ScribeActors.IntegrationTests.Infrastructure;
using ScribeActors.Testing;
using Xunit.Abstractions;

namespace ScribeActors.IntegrationTests.Workflows;

/// <summary>
/// LLM-driven workflows through the whole runtime: a production-composed silo on Azurite, real Chromium, the demo
/// sites over HTTP and the real tiny GGUF on an inference grain. The model writes stories, not web steps, so it will not
/// reach the objective: these prove that every step is asked of the model, constrained by the grammar to a node on the
/// page, executed, recorded with its raw output, tokens and latencies, and that the workflow stops cleanly.
/// </summary>
[Trait("Suite", "Integration"), Trait("Needs", "Azurite,Chromium,Model")]
public sealed class ModelWorkflowTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestSilo _silo = null!;
    private DemoWorld _world = null!;

    public async Task InitializeAsync()
    {
        Requirements.Chromium();
        var model = TestModels.Stories260K;
        _world = await DemoWorld.StartAsync(seed: 3);
        _silo = await TestSilo.StartAsync(extra: new Dictionary<string, string?>
        {
            ["Scribe:Models:tiny:Path"] = model,
            ["Scribe:Models:tiny:ContextSize"] = "2048",
            ["Scribe:Models:tiny:Sequences"] = "4",
            ["Scribe:Models:tiny:Threads"] = "2",
            ["Scribe:Workflow:MaxModelActionFailures"] = "50",
        });
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _world.DisposeAsync();
    }

    [Fact]
    public async Task ModelWorkflow_DemoSite_RunsEveryStepThroughTheModelAndStopsAtMaxSteps()
    {
        var task = _world.Task("supplier.dispute-invoice");
        var spec = new WorkflowSpec
        {
            Objective = task.Objective,
            StartUrl = task.StartUrl,
            AllowedHosts = [_world.Host],
            MaxSteps = 6,
            StepSource = StepSourceSpec.ForModel(new ModelRef { ModelId = "tiny", Options = new ModelStepOptions { Temperature = 0.9f, Seed = 5 } }),
        };

        var started = await _silo.Client.StartAsync(spec);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var final = await _silo.Client.WaitForCompletionAsync(started.Id, timeout.Token);
        foreach (var step in final.Steps)
        {
            output.WriteLine($"{step.Index + 1}: {step.Action} -> {step.Outcome} | {step.Inference?.RawOutput.ReplaceLineEndings(" / ")} | {step.Note}");
        }

        Assert.True(
            final.Status == WorkflowStatus.Succeeded || final.FailureReason!.Contains("step limit of 6", StringComparison.Ordinal),
            $"ended {final.Status}: {final.FailureReason}");
        Assert.NotEmpty(final.Steps);
        Assert.All(final.Steps, step =>
        {
            Assert.NotNull(step.Inference);
            Assert.Equal("tiny", step.Inference!.ModelId);
            Assert.False(string.IsNullOrEmpty(step.Inference.RawOutput));
            Assert.True(step.Inference.PromptTokens > 0 && step.Inference.OutputTokens > 0, "token counts recorded");
            Assert.True(step.Inference.PromptTokens + 96 <= 2048, $"prompt of {step.Inference.PromptTokens} tokens fits the context");
            Assert.True(step.Inference.DecodeMs > 0 && step.Inference.TotalMs > 0, "latencies recorded");
            var parsed = ScribeStep.Parse(step.Description!);
            Assert.NotNull(step.ObservationRef);
            if (step.Action?.NodeId is { } node)
            {
                Assert.Equal(parsed.Node, node);
                Assert.NotNull(parsed.Target);
                Assert.Contains($"node=\"{node}\"", parsed.Target, StringComparison.Ordinal);
            }
        });
    }

    [Fact]
    public async Task Replay_RecordedTargetGone_ModelFallbackTakesTheStepAndTheReplayGoesOn()
    {
        var task = _world.Task("supplier.dispute-invoice");
        var recording = await _world.RecordAsync(_silo.Service<IBrowserHost>(), task);

        // Break the second recorded step's target so that no element of the page matches it any more.
        var broken = recording.Steps[1] with
        {
            Signature = recording.Steps[1].Signature! with { Tag = "blink", Text = "no such element anywhere", Attributes = new() { ["id"] = "gone-forever" }, Label = null, Context = null },
        };
        var steps = recording.Steps.ToArray();
        steps[1] = broken;
        var spec = _world.Spec(task, recording with { Steps = steps }) with
        {
            MaxSteps = 3,
            StepSource = StepSourceSpec.ForReplay(recording with { Steps = steps }, new ModelRef { ModelId = "tiny", Options = new ModelStepOptions { Temperature = 0.5f } }),
        };

        var started = await _silo.Client.StartAsync(spec);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var final = await _silo.Client.WaitForCompletionAsync(started.Id, timeout.Token);
        foreach (var step in final.Steps)
        {
            output.WriteLine($"{step.Index + 1}: [{step.SourceCursor}] {step.Action} -> {step.Outcome} | {step.Note}");
        }

        Assert.True(final.Steps.Length >= 2, $"ended {final.Status}: {final.FailureReason}");
        Assert.Null(final.Steps[0].Inference); // replayed as recorded
        var healed = final.Steps[1];
        Assert.NotNull(healed.Inference);      // the model stood in for the broken step
        Assert.Contains("could not be replayed", healed.Note, StringComparison.Ordinal);
        Assert.Equal(1, healed.SourceCursor);
        if (final.Steps.Length > 2 && final.Steps[1].Outcome is { Succeeded: true })
        {
            Assert.Equal(2, final.Steps[2].SourceCursor); // and the replay went on with the next recorded step
        }
    }
}
