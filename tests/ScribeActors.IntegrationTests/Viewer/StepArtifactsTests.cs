using ScribeActors.Abstractions;
using ScribeActors.Grains.Storage;
using ScribeActors.Silo.Api;

namespace ScribeActors.IntegrationTests.Viewer;

/// <summary>What the artefact routes (and the viewer's page view and prompt) say when a step's artefact is not there:
/// none stored, or stored and swept since, each naming the setting behind it.</summary>
[Trait("Suite", "Unit")]
public sealed class StepArtifactsTests
{
    private readonly InMemoryArtifactStore _store = new();

    [Theory]
    [InlineData(StepArtifactKind.Observation, "observation DOMs of ended workflows are kept for Scribe:Workflow:ObservationRetention")]
    [InlineData(StepArtifactKind.Prompt, "prompts of ended workflows are kept for Scribe:Workflow:ObservationRetention")]
    [InlineData(StepArtifactKind.Screenshot, "screenshots are kept for Scribe:Workflow:ScreenshotRetention")]
    public async Task ReadAsync_ArtifactSwept_SaysItWentUnderItsRetention(StepArtifactKind kind, string why)
    {
        var run = Run(new StepRecord
        {
            Index = 0,
            ObservationRef = "dom/" + new string('a', 64),
            ScreenshotRef = "png/" + new string('b', 64),
            PromptRef = "prompt/" + new string('c', 64),
            Inference = new StepInference { ModelId = "tiny" },
        });

        var e = await Assert.ThrowsAsync<StepArtifactNotFoundException>(() => StepArtifacts.ReadAsync(_store, run, 0, kind, default));

        Assert.Contains("is no longer in the artefact store", e.Message, StringComparison.Ordinal);
        Assert.Contains(why, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_PromptStored_AnswersItsText()
    {
        var reference = await _store.PutAsync(ArtifactRetention.PromptKind, "<|im_start|>system\n..."u8.ToArray());
        var run = Run(new StepRecord { Index = 0, PromptRef = reference, Inference = new StepInference { ModelId = "tiny" } });

        Assert.Equal("<|im_start|>system\n..."u8.ToArray(), await StepArtifacts.ReadAsync(_store, run, 0, StepArtifactKind.Prompt, default));
    }

    [Theory]
    [InlineData(false, "was not decided by a model, so it has no prompt")]
    [InlineData(true, "has no stored prompt (Scribe:Workflow:StoreObservations was off")]
    public async Task ReadAsync_NoPromptStored_SaysWhy(bool modelStep, string why)
    {
        var run = Run(new StepRecord { Index = 0, Inference = modelStep ? new StepInference { ModelId = "tiny" } : null });

        var e = await Assert.ThrowsAsync<StepArtifactNotFoundException>(() => StepArtifacts.ReadAsync(_store, run, 0, StepArtifactKind.Prompt, default));

        Assert.Contains(why, e.Message, StringComparison.Ordinal);
    }

    private static WorkflowSnapshot Run(StepRecord step) => new()
    {
        Id = "wf-artefacts",
        Spec = new WorkflowSpec { Objective = "o", StartUrl = "http://example.test/", StepSource = new StepSourceSpec() },
        Steps = [step],
    };
}
