using ScribeActors.Abstractions;
using ScribeActors.Grains.Tests.Fakes;
using ScribeActors.Testing;

namespace ScribeActors.Grains.Tests.Inference;

/// <summary>The real tiny GGUF finishes at once on the fake web's start page with seeds 7 and 8 (it writes stories, so
/// its "answer" is a scrap of one): its finish is taken only when the success criteria hold.</summary>
[Trait("Suite", "Cluster")]
public sealed class ModelSuccessTests
{
    private const string CheckUrl = FakeWeb.Origin + "/api/submitted";

    private static WorkflowSpec Spec(SuccessCriteria? success, int seed = 7) => new()
    {
        Objective = "Submit the amount 42",
        StartUrl = FakeWeb.Origin + "/start",
        AllowedHosts = ["fake.test"],
        MaxSteps = 6,
        StepSource = StepSourceSpec.ForModel(new ModelRef { ModelId = "tiny", Options = new ModelStepOptions { Temperature = 1.0f, Seed = seed } }),
        Success = success,
    };

    private static Task<FakeCluster> StartAsync(int maxModelFailures = 2)
    {
        var settings = InferenceGrainTests.ModelSettings("tiny", TestModels.Stories260K);
        settings["Scribe:Workflow:MaxModelActionFailures"] = maxModelFailures.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return FakeCluster.StartAsync(null, settings, ["browser", "inference", "gpu"]);
    }

    [Fact]
    public async Task ModelFinish_NoCriteria_SucceedsWithTheAnswerUnverified()
    {
        await using var h = await StartAsync();

        var final = await h.WaitAsync((await h.Client.StartAsync(Spec(null))).Id, TimeSpan.FromSeconds(60));

        Assert.Equal(WorkflowStatus.Succeeded, final.Status);
        Assert.Equal(SuccessVerification.Unverified, final.Verification);
        var finish = Assert.Single(final.Steps);
        Assert.NotNull(finish.Inference);
        Assert.Contains("finish_action", finish.Description, StringComparison.Ordinal);
        Assert.StartsWith("Unverified", final.VerificationNote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelFinish_CriteriaNeverHold_EachFinishIsAFailedStepUntilTheLimit()
    {
        await using var h = await StartAsync(maxModelFailures: 2);

        var final = await h.WaitAsync((await h.Client.StartAsync(Spec(new SuccessCriteria { Texts = ["Submitted 42"] }))).Id, TimeSpan.FromSeconds(60));

        Assert.Equal(WorkflowStatus.Failed, final.Status);
        Assert.Equal(SuccessVerification.None, final.Verification);
        Assert.Null(final.Answer); // the model's scrap of a story is not recorded as the workflow's answer
        Assert.Equal(2, final.Steps.Length);
        Assert.All(final.Steps, s =>
        {
            Assert.NotNull(s.Inference);                      // the model chose it
            Assert.Contains("finish_action", s.Description, StringComparison.Ordinal);
            Assert.Equal(ActionFailureKind.ObjectiveNotMet, s.Outcome!.Failure);
            Assert.Contains("text \"Submitted 42\" is not on the page; the page \"/start\" reads \"Open form Welcome\"", s.Outcome.Message, StringComparison.Ordinal);
        });
        Assert.StartsWith("Stopped after 2 failed model steps in a row; the last, step 2, was a finish the success criteria refused: The success criteria do not hold",
            final.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelFinish_RefusedThenServerStateChanges_NextFinishSucceedsVerified()
    {
        await using var h = await StartAsync(maxModelFailures: 3);
        var checks = 0;
        h.Web.Check = r => new ServerCheckResult { Url = r.Url, Status = Interlocked.Increment(ref checks) == 1 ? 409 : 200 };

        var final = await h.WaitAsync((await h.Client.StartAsync(Spec(new SuccessCriteria { CheckUrl = CheckUrl, Texts = ["Welcome"] }))).Id, TimeSpan.FromSeconds(60));

        Assert.Equal(WorkflowStatus.Succeeded, final.Status);
        Assert.Equal(SuccessVerification.Verified, final.Verification);
        Assert.Equal(2, final.Steps.Length);
        Assert.Equal(ActionFailureKind.ObjectiveNotMet, final.Steps[0].Outcome!.Failure);
        Assert.Contains($"the server check GET {CheckUrl} answered 409, not 2xx (held: text \"Welcome\" is on the page)", final.Steps[0].Outcome!.Message, StringComparison.Ordinal);
        Assert.Null(final.Steps[1].Outcome);
        Assert.Contains($"answered 200", final.VerificationNote, StringComparison.Ordinal);
    }
}
