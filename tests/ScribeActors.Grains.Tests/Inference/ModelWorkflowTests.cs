using ScribeActors.Abstractions;
using ScribeActors.Grains.Tests.Fakes;

namespace ScribeActors.Grains.Tests.Inference;

/// <summary>Model-driven workflows over the fake web with the real tiny GGUF: the orchestration around the model
/// (history, failures, limits), on one shared <see cref="ModelCluster"/>. The real browser and demo sites are in the
/// integration tests.</summary>
[Trait("Suite", "Cluster")]
public sealed class ModelWorkflowTests(ModelCluster shared) : SharedClusterTests<ModelCluster>(shared)
{
    private static WorkflowSpec Spec(string modelId, int maxSteps = 4) => new()
    {
        Objective = "Submit the amount 42",
        StartUrl = FakeWeb.Origin + "/start",
        AllowedHosts = ["fake.test"],
        MaxSteps = maxSteps,
        StepSource = StepSourceSpec.ForModel(new ModelRef { ModelId = modelId, Options = new ModelStepOptions { Temperature = 1.0f, Seed = 3 } }),
    };

    [Fact]
    public async Task ModelWorkflow_ModelFileMissing_FailsWithTheLoadReasonAndTheSiloServesOthers()
    {
        var missing = Fixture.MissingModelPath;
        var h = Shared;
        var failed = await h.WaitAsync((await h.Client.StartAsync(Spec("gone"))).Id);

        Assert.Equal(WorkflowStatus.Failed, failed.Status);
        Assert.Contains(missing, failed.FailureReason, StringComparison.Ordinal);
        Assert.Contains("gone", failed.FailureReason, StringComparison.Ordinal);

        var other = await h.WaitAsync((await h.Client.StartAsync(Spec("tiny"))).Id, TimeSpan.FromSeconds(60));
        Assert.NotEmpty(other.Steps);
        Assert.All(other.Steps, s => Assert.NotNull(s.Inference));
    }

    [Fact]
    public async Task ModelWorkflow_UnknownModelId_FailsNamingTheConfiguredModels()
    {
        var h = Shared;
        var failed = await h.WaitAsync((await h.Client.StartAsync(Spec("no-such-model"))).Id);

        Assert.Equal(WorkflowStatus.Failed, failed.Status);
        Assert.Contains("Unknown model 'no-such-model'", failed.FailureReason, StringComparison.Ordinal);
        Assert.Contains("tiny", failed.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelWorkflow_TinyModel_RecordsEveryStepAndStopsAtTheLimitOrAFinish()
    {
        var h = Shared;
        var final = await h.WaitAsync((await h.Client.StartAsync(Spec("tiny", maxSteps: 5))).Id, TimeSpan.FromSeconds(60));

        Assert.True(
            final.Status == WorkflowStatus.Succeeded || final.FailureReason!.Contains("step limit of 5", StringComparison.Ordinal)
                || final.FailureReason.Contains("failed 5 times", StringComparison.Ordinal),
            $"{final.Status}: {final.FailureReason}");
        Assert.All(final.Steps, s =>
        {
            Assert.NotNull(s.Inference);
            Assert.NotEmpty(s.Inference!.RawOutput);
            Assert.StartsWith($"{s.Index + 1 - final.Steps.Take(s.Index).Count(p => p.Outcome is { Succeeded: false })}.", s.Inference.RawOutput, StringComparison.Ordinal);
            if (s.Description is not null)
            {
                Assert.Equal(s.Description, s.Step?.Render()); // the record keeps the structured step; the text is its rendering
            }
        });
    }

    [Fact]
    public void ModelRef_FilePrefix_IsTheOneTheModelHostReads()
    {
        // Two layers spell the prefix (Inference does not reference Abstractions); they must agree.
        Assert.Equal(ModelRef.FilePrefix, ScribeActors.Inference.ModelHost.FilePrefix);
    }

    [Fact]
    public void Spec_ModelSourceWithBadOptions_IsRejectedNamingTheFields()
    {
        var spec = Spec("tiny") with
        {
            StepSource = StepSourceSpec.ForModel(new ModelRef { ModelId = "tiny", Options = new ModelStepOptions { Fitter = "middle", NodeRepeat = 3, MaxOutputTokens = 10 } }),
        };

        var errors = spec.Validate();

        Assert.Contains(errors, e => e.Contains("Fitter 'middle'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("NodeRepeat 3", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("MaxOutputTokens 10", StringComparison.Ordinal));
    }
}
