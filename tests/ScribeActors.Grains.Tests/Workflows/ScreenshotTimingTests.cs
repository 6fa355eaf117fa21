using ScribeActors.Abstractions;
using ScribeActors.Grains.Tests.Fakes;
using ScribeActors.Grains.Tests.Inference;
using ScribeActors.Testing;

namespace ScribeActors.Grains.Tests.Workflows;

/// <summary>When a step's screenshot is taken: beside the capture for a replay (it decides at once), while the model
/// decides for a model (the page is asked without one), and in both cases before anything acts on the page, so every
/// step keeps the screenshot of the page it was decided on.</summary>
[Trait("Suite", "Cluster")]
public sealed class ScreenshotTimingTests
{
    [Fact]
    public async Task ModelWorkflow_Screenshots_TakenWhileTheModelDecidesBeforeTheActionAndKeptWithTheStep()
    {
        await using var h = await FakeCluster.StartAsync(null, InferenceGrainTests.ModelSettings("tiny", TestModels.Stories260K), ["browser", "inference", "gpu"]);
        var final = await h.WaitAsync((await h.Client.StartAsync(new WorkflowSpec
        {
            Objective = "Submit the amount 42",
            StartUrl = FakeWeb.Origin + "/start",
            AllowedHosts = ["fake.test"],
            MaxSteps = 3,
            StepSource = StepSourceSpec.ForModel(new ModelRef { ModelId = "tiny", Options = new ModelStepOptions { Temperature = 1.0f, Seed = 3, AllowFinish = false } }),
        })).Id, TimeSpan.FromSeconds(60));

        var session = Assert.Single(h.Web.Sessions);
        Assert.NotEmpty(final.Steps);
        Assert.All(session.ScreenshotsAsked, asked => Assert.False(asked)); // the capture does not wait for a frame
        Assert.NotEmpty(session.LateScreenshots);
        Assert.All(session.LateScreenshots, late => Assert.False(late.AfterAnAction, $"screenshot of observation {late.ObservationId} asked after an action"));
        foreach (var step in final.Steps.Where(s => s.Inference is not null))
        {
            Assert.NotNull(step.ScreenshotRef);
            var png = await h.Artifacts.GetAsync(step.ScreenshotRef!);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png![..4]);
        }
    }

    [Fact]
    public async Task ReplayWorkflow_Screenshots_TakenWithTheObservationAndKeptWithTheStep()
    {
        await using var h = await FakeCluster.StartAsync(["browser"]);
        var final = await h.WaitAsync((await h.Client.StartAsync(FakeWeb.Spec())).Id);

        Assert.Equal(WorkflowStatus.Succeeded, final.Status);
        var session = Assert.Single(h.Web.Sessions);
        Assert.Contains(true, session.ScreenshotsAsked);
        Assert.Empty(session.LateScreenshots);
        Assert.All(final.Steps.Where(s => s.Action is not null), step => Assert.NotNull(step.ScreenshotRef));
    }
}
