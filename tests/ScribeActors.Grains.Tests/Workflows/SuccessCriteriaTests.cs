using ScribeActors.Abstractions;
using ScribeActors.Grains.Tests.Fakes;

namespace ScribeActors.Grains.Tests.Workflows;

/// <summary>A finish ends a workflow as succeeded only when the spec's success criteria hold; otherwise it is a failed
/// step under the usual limits. Orchestration over the fake web; the real browser and demo sites are in the
/// integration tests.</summary>
[Trait("Suite", "Cluster")]
public sealed class SuccessCriteriaTests(SharedCluster shared) : SharedClusterTests(shared)
{
    private const string CheckUrl = FakeWeb.Origin + "/api/submitted";

    private static WorkflowSpec Spec(SuccessCriteria? success) => FakeWeb.Spec() with { Success = success };

    private static ServerCheckResult Answer(ServerCheckRequest request, int status) =>
        new() { Url = request.Url, Status = status, StatusText = status == 200 ? "OK" : "Conflict" };

    [Fact]
    public async Task Replay_NoCriteria_SucceedsUnverified()
    {
        var h = Shared;
        var final = await h.WaitAsync((await h.Client.StartAsync(Spec(null))).Id);

        Assert.Equal(WorkflowStatus.Succeeded, final.Status);
        Assert.Equal(SuccessVerification.Unverified, final.Verification);
        Assert.StartsWith("Unverified: the spec gives no success criteria", final.VerificationNote, StringComparison.Ordinal);
        Assert.Contains("Unverified", final.Steps[^1].Note, StringComparison.Ordinal);
        Assert.Empty(h.Web.Checks);
        Assert.Contains(await h.Client.ListAsync(WorkflowStatus.Succeeded), w => w.Id == final.Id && w.Verification == SuccessVerification.Unverified);
    }

    [Fact]
    public async Task Replay_EveryCriterionHolds_SucceedsVerifiedAndSaysWhatHeld()
    {
        await using var h = await FakeCluster.StartAsync(null, new Dictionary<string, string?> { ["Scribe:Workflow:SuccessCheckTimeout"] = "00:00:03" });
        h.Web.Check = r => Answer(r, h.Web.Submissions.Contains("42") ? 200 : 409);
        var spec = Spec(new SuccessCriteria { UrlPattern = "/done$", Texts = ["submitted 42"], Elements = ["body > p"], CheckUrl = CheckUrl });

        var final = await h.WaitAsync((await h.Client.StartAsync(spec)).Id);

        Assert.Equal(WorkflowStatus.Succeeded, final.Status);
        Assert.Equal(SuccessVerification.Verified, final.Verification);
        Assert.Equal(
            $"Verified on {FakeWeb.Origin}/done: the URL matches /done$; text \"submitted 42\" is on the page; 1 element matches body > p; " +
            $"the server check GET {CheckUrl} answered 200 OK.",
            final.VerificationNote);
        Assert.Equal(4, final.Steps.Length);
        var check = Assert.Single(h.Web.Checks);
        Assert.Equal(CheckUrl, check.Url);
        Assert.Equal(TimeSpan.FromSeconds(3), check.Timeout);
        Assert.Contains(await h.Client.ListAsync(WorkflowStatus.Succeeded), w => w.Id == final.Id && w.Verification == SuccessVerification.Verified);

        // The verdict is durable: a fresh activation reads it from storage.
        await h.Cluster.DeactivateAsync(h.Grains.GetGrain<IWorkflowGrain>(final.Id));
        var stored = await h.Client.GetAsync(final.Id);
        Assert.Equal(SuccessVerification.Verified, stored.Verification);
        Assert.Equal(final.VerificationNote, stored.VerificationNote);
    }

    [Fact]
    public async Task Replay_FinishRefusedUntilThePageChanges_ThenSucceedsVerified()
    {
        var h = Shared;
        var looks = 0;
        h.Web.DoneStatus = () => Interlocked.Increment(ref looks) <= 1 ? "Processing" : "Approved";
        var spec = Spec(new SuccessCriteria { Texts = ["Approved"], Elements = ["p.status"] });

        var final = await h.WaitAsync((await h.Client.StartAsync(spec)).Id);

        Assert.Equal(WorkflowStatus.Succeeded, final.Status);
        Assert.Equal(SuccessVerification.Verified, final.Verification);
        Assert.Equal(["42"], h.Web.Submissions); // nothing was done twice
        Assert.Equal(5, final.Steps.Length);
        var refused = final.Steps[3];
        Assert.Null(refused.Action);
        Assert.Equal(StepPhase.Done, refused.Phase);
        Assert.Equal(ActionFailureKind.ObjectiveNotMet, refused.Outcome!.Failure);
        Assert.Equal(
            $"The success criteria do not hold on {FakeWeb.Origin}/done: text \"Approved\" is not on the page; " +
            "the page \"/done\" reads \"Submitted 42 Processing\" (held: 1 element matches p.status).",
            refused.Outcome.Message);
        Assert.Equal(3, refused.SourceCursor);
        Assert.Null(final.Steps[4].Outcome);
        Assert.Contains("Verified on", final.Steps[4].Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_CriteriaNeverHold_FailsAtTheFailedStepLimitWithTheReason()
    {
        await using var h = await FakeCluster.StartAsync(null, new Dictionary<string, string?> { ["Scribe:Workflow:MaxActionAttempts"] = "3" });
        var spec = Spec(new SuccessCriteria { UrlPattern = "/receipt/\\d+$" });

        var final = await h.WaitAsync((await h.Client.StartAsync(spec)).Id);

        Assert.Equal(WorkflowStatus.Failed, final.Status);
        Assert.Equal(SuccessVerification.None, final.Verification);
        Assert.Null(final.Answer);
        Assert.Equal(
            $"Step 6 (finish) was refused 3 times: The success criteria do not hold on {FakeWeb.Origin}/done: the URL {FakeWeb.Origin}/done does not match /receipt/\\d+$.",
            final.FailureReason);
        Assert.Equal(6, final.Steps.Length);
        Assert.All(final.Steps[3..], s => Assert.Equal(ActionFailureKind.ObjectiveNotMet, s.Outcome!.Failure));
    }

    [Fact]
    public async Task Replay_ServerCheckUnreachableOrSlow_FinishIsAFailedStepAndTheSiloStaysUp()
    {
        var h = Shared;
        var answers = new Queue<Func<ServerCheckRequest, ServerCheckResult>>(
        [
            r => ServerCheckResult.Failed(r.Url, "unreachable: connect ECONNREFUSED 127.0.0.1:9"),
            r => ServerCheckResult.Failed(r.Url, "no answer within 10 s"),
            r => Answer(r, 200),
        ]);
        h.Web.Check = r => answers.Dequeue()(r);

        var final = await h.WaitAsync((await h.Client.StartAsync(Spec(new SuccessCriteria { CheckUrl = CheckUrl }))).Id);

        Assert.Equal(WorkflowStatus.Succeeded, final.Status);
        Assert.Equal(SuccessVerification.Verified, final.Verification);
        Assert.Equal(6, final.Steps.Length);
        Assert.Contains($"the server check GET {CheckUrl} got no answer: unreachable: connect ECONNREFUSED 127.0.0.1:9, not 2xx", final.Steps[3].Outcome!.Message, StringComparison.Ordinal);
        Assert.Contains("got no answer: no answer within 10 s", final.Steps[4].Outcome!.Message, StringComparison.Ordinal);
        Assert.Equal(3, h.Web.Checks.Count);
    }

    [Fact]
    public async Task Replay_ServerCheckNeverPasses_FailsNamingTheCheckAndOtherWorkflowsRun()
    {
        var h = Shared;
        h.Web.Check = r => Answer(r, 409);

        var failed = await h.WaitAsync((await h.Client.StartAsync(Spec(new SuccessCriteria { CheckUrl = CheckUrl }))).Id);
        h.Web.Check = r => Answer(r, 200);
        var finishOnly = FakeWeb.Recording() with { Steps = [FakeWeb.Recording().Steps[^1] with { Index = 1 }] };
        var next = await h.WaitAsync((await h.Client.StartAsync(Spec(new SuccessCriteria { CheckUrl = CheckUrl, Texts = ["Welcome"] }) with
        {
            StepSource = StepSourceSpec.ForReplay(finishOnly),
        })).Id);

        Assert.Equal(WorkflowStatus.Failed, failed.Status);
        Assert.Contains($"the server check GET {CheckUrl} answered 409 Conflict, not 2xx", failed.FailureReason, StringComparison.Ordinal);
        Assert.Equal(WorkflowStatus.Succeeded, next.Status);
    }

    [Fact]
    public async Task StartAsync_SelectorTheEvaluatorCannotRun_RejectedByTheGrainBeforeAnythingIsStored()
    {
        var h = Shared;
        var spec = Spec(new SuccessCriteria { Elements = ["p:contains-text(Approved)"] });
        Assert.Empty(spec.Validate()); // well-formed CSS syntax: only the evaluator knows it cannot run it

        var e = await Assert.ThrowsAsync<InvalidWorkflowSpecException>(() => h.Client.StartAsync(spec, "wf-bad-selector"));

        Assert.Contains("Success.Elements[0] 'p:contains-text(Approved)' is not a CSS selector the page evaluator supports", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => h.Client.GetAsync("wf-bad-selector"));
        Assert.Equal(0, h.Web.SessionsOpened);
    }

    [Fact]
    public async Task StartAsync_MalformedCriteria_RejectedAtTheClientNamingEachField()
    {
        var h = Shared;
        var spec = Spec(new SuccessCriteria { UrlPattern = "(", Texts = [""], Elements = ["div["], CheckUrl = "http://elsewhere.test/check" });

        var e = await Assert.ThrowsAsync<InvalidWorkflowSpecException>(() => h.Client.StartAsync(spec, "wf-malformed"));

        Assert.Equal(4, e.Errors.Length);
        Assert.StartsWith("Success.UrlPattern '('", e.Errors[0], StringComparison.Ordinal);
        Assert.StartsWith("Success.Texts[0] is empty", e.Errors[1], StringComparison.Ordinal);
        Assert.StartsWith("Success.Elements[0] 'div['", e.Errors[2], StringComparison.Ordinal);
        Assert.StartsWith("Success.CheckUrl host 'elsewhere.test' is not in the allowed hosts", e.Errors[3], StringComparison.Ordinal);
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => h.Client.GetAsync("wf-malformed"));
    }
}
