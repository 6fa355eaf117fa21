using ScribeActors.Abstractions;
using ScribeActors.Grains.Tests.Fakes;

namespace ScribeActors.Grains.Tests.Workflows;

/// <summary>
/// A workflow whose activation is lost while an action is in flight re-observes and decides from the session's record
/// and the page; it never submits the form twice. (Real silo deaths are covered by the integration tests.)
/// </summary>
[Trait("Suite", "Cluster")]
public sealed class InterruptedStepTests(SharedCluster shared) : SharedClusterTests(shared)
{
    [Fact]
    public async Task Resume_SubmitReachedServerBeforeActivationWasLost_IsNotRepeated()
    {
        var h = Shared;
        var gate = new TaskCompletionSource();
        h.Web.AfterSubmit = _ => gate.Task; // the submission is on the server; the click has not returned yet
        var started = await h.Client.StartAsync(FakeWeb.Spec());
        await h.EventuallyAsync(() => Task.FromResult(h.Web.Submissions.Count == 1), "the form was submitted");

        var workflow = h.Grains.GetGrain<IWorkflowGrain>(started.Id);
        await h.Cluster.DeactivateAsync(workflow);
        gate.SetResult();
        await workflow.WakeAsync();
        var final = await h.WaitAsync(started.Id);

        Assert.Equal(WorkflowStatus.Succeeded, final.Status);
        Assert.Equal(["42"], h.Web.Submissions);
        Assert.Contains(final.Steps, s => s.Note?.Contains("Interrupted", StringComparison.Ordinal) == true);
        Assert.Single(final.Steps, s => s.Action?.Kind == BrowserActionKind.Click && s.UrlBefore!.EndsWith("/form", StringComparison.Ordinal));
        Assert.True(final.Resumptions >= 1);
    }

    [Fact]
    public async Task Resume_SubmitNeverReachedServer_IsTakenOnce()
    {
        var h = Shared;
        var gate = new TaskCompletionSource<bool>();
        h.Web.BeforeSubmit = async ct =>
        {
            try
            {
                return await gate.Task.WaitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                throw;
            }
        };
        var started = await h.Client.StartAsync(FakeWeb.Spec());
        await h.EventuallyAsync(async () => (await h.Client.GetAsync(started.Id)).Steps.Length == 3, "the submit click is in flight");

        var workflow = h.Grains.GetGrain<IWorkflowGrain>(started.Id);
        await h.Cluster.DeactivateAsync(workflow);
        h.Web.BeforeSubmit = null;
        gate.TrySetResult(false); // if the first click is still waiting, it is dropped: it never reaches the server
        await workflow.WakeAsync();
        var final = await h.WaitAsync(started.Id);

        Assert.Equal(WorkflowStatus.Succeeded, final.Status);
        Assert.Equal(["42"], h.Web.Submissions);
    }

    [Fact]
    public async Task Resume_PageRebuiltFromCheckpoint_RetypesLostValuesBeforeSubmitting()
    {
        var h = Shared;
        var gate = new TaskCompletionSource();
        h.Web.BeforeType = ct => gate.Task.WaitAsync(ct);
        var started = await h.Client.StartAsync(FakeWeb.Spec(amount: "77"));
        await h.EventuallyAsync(async () => (await h.Client.GetAsync(started.Id)).Steps.Length == 2, "the type action is in flight");
        await h.Client.PauseAsync(started.Id);
        h.Web.BeforeType = null;
        gate.SetResult();
        await h.EventuallyAsync(async () => (await h.Client.GetAsync(started.Id)).Steps[1].Phase == StepPhase.Done, "the type action finished");

        // The browser context is lost; the next observation rebuilds it from the checkpoint: the typed value is gone.
        await h.Cluster.DeactivateAsync(h.Grains.GetGrain<IBrowserSessionGrain>(started.Id));
        await h.Client.ResumeAsync(started.Id);
        var final = await h.WaitAsync(started.Id);

        Assert.Equal(WorkflowStatus.Succeeded, final.Status);
        Assert.Equal(["77"], h.Web.Submissions);
        Assert.Equal(2, final.Steps.Count(s => s.Action?.Kind == BrowserActionKind.Type));
        Assert.Equal(2, h.Web.SessionsOpened); // opened, then rebuilt once from its checkpoint
    }

    [Fact]
    public async Task Run_ContextRebuiltFromACheckpointBehindThePerformedLinkClick_GoesBackToThePageTheRecordSays()
    {
        // The session recorded the link click (start -> form) as performed, but the checkpoint it wrote still held the
        // start page when the browser died: the rebuilt page is the start page, where the next step's field is not.
        var h = Shared;
        h.Web.CheckpointLagsAfterOpen = true;
        var final = await h.WaitAsync((await h.Client.StartAsync(FakeWeb.Spec(maxSteps: 8, amount: "55"))).Id);

        Assert.Equal(WorkflowStatus.Succeeded, final.Status);
        Assert.Equal(["55"], h.Web.Submissions);
        Assert.Equal(2, h.Web.SessionsOpened); // opened, rebuilt once after the crash
        Assert.Single(final.Steps, s => s.Action?.Kind == BrowserActionKind.Click && s.UrlBefore!.EndsWith("/start", StringComparison.Ordinal));
        Assert.Single(final.Steps, s => s.Action?.Kind == BrowserActionKind.Type);
    }

    [Fact]
    public async Task ExecuteAsync_SameActionIdTwice_ActsOnceAndReportsTheDuplicate()
    {
        var h = Shared;
        var session = h.Grains.GetGrain<IBrowserSessionGrain>("dedupe-" + Guid.NewGuid());
        await session.OpenAsync(new OpenSessionRequest { StartUrl = FakeWeb.Origin + "/form", AllowedHosts = ["fake.test"] });
        await session.ObserveAsync();
        var first = await session.ExecuteAsync(new ExecuteActionRequest { ActionId = "a1", Action = BrowserAction.Click(0) });
        var second = await session.ExecuteAsync(new ExecuteActionRequest { ActionId = "a1", Action = BrowserAction.Click(0) });

        Assert.True(first.Succeeded);
        Assert.False(first.Deduplicated);
        Assert.True(second.Deduplicated);
        Assert.Single(h.Web.Submissions);
        Assert.Equal(first.UrlAfter, (await session.GetActionResultAsync("a1"))!.UrlAfter);
        Assert.Null(await session.GetActionResultAsync("never"));
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 1)]
    public async Task Run_BrowserDiesDuringASubmitOfAFormThatReloadsEmpty_TheFormIsPostedExactlyOnce(bool afterTheRequestLeft, int expectedSubmissions)
    {
        // The form shows up empty after a reload whether or not it was submitted: the page cannot tell. What the session
        // recorded about requests it let out can: posted once either way.
        var h = Shared;
        h.Web.FormForgetsSubmissions = true;
        h.Web.BrowserDiesDuringSubmit = afterTheRequestLeft;
        var final = await h.WaitAsync((await h.Client.StartAsync(FakeWeb.Spec(maxSteps: 8))).Id);

        Assert.Equal(expectedSubmissions, h.Web.Submissions.Count);
        Assert.Equal(2, h.Web.SessionsOpened); // opened, rebuilt after the crash
        var submit = final.Steps.First(s => s.Action?.Kind == BrowserActionKind.Click && s.UrlBefore!.EndsWith("/form", StringComparison.Ordinal));
        Assert.Contains(afterTheRequestLeft ? "had sent POST http://fake.test/form" : "before any request that could change a server left it", submit.Note);
        Assert.Equal(afterTheRequestLeft, submit.OutcomeUncertain); // it died before the redirect: nothing shows the server answered
        if (afterTheRequestLeft)
        {
            Assert.Equal(WorkflowStatus.Succeeded, final.Status);
        }
    }

    [Fact]
    public async Task Run_BrowserDiesAfterASubmitReturnedBeforeItsCheckpoint_TheFormIsPostedExactlyOnce()
    {
        // The click succeeded, but the browser died before the session made the page it left durable, so that result
        // does not stand. The record that the POST left must outlive it: the rebuilt form is empty either way.
        var h = Shared;
        h.Web.FormForgetsSubmissions = true;
        h.Web.BrowserDiesAfterSubmit = true;
        var final = await h.WaitAsync((await h.Client.StartAsync(FakeWeb.Spec(maxSteps: 8))).Id);

        Assert.Equal(["42"], h.Web.Submissions);
        Assert.Equal(2, h.Web.SessionsOpened);
        var submit = final.Steps.First(s => s.Action?.Kind == BrowserActionKind.Click && s.UrlBefore!.EndsWith("/form", StringComparison.Ordinal));
        Assert.Contains("had sent POST http://fake.test/form, which led to http://fake.test/done", submit.Note);
        Assert.Equal(WorkflowStatus.Succeeded, final.Status);

        // The rebuilt page was the empty form (its checkpoint predates the post); the workflow went on from where the
        // post led, so the page it finished on is the confirmation.
        Assert.Equal(FakeWeb.Origin + "/done", submit.UrlAfter);
        Assert.Equal(FakeWeb.Origin + "/done", final.Steps[^1].UrlBefore);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Run_BrowserStopsAnsweringDuringASubmit_TheSessionGivesUpOnItAndTheFormIsPostedExactlyOnce(bool afterTheRequestLeft)
    {
        // A browser call that never returns must not hold the session's turn (and with it the workflow) for ever: past
        // the configured limit the session closes the context and reports the browser gone, and the step is resolved
        // from the requests it let out, as after a crash.
        await using var h = await FakeCluster.StartAsync(null, new Dictionary<string, string?>
        {
            ["Scribe:Browser:ActionTimeout"] = "00:00:00.200",
            ["Scribe:Browser:NavigationTimeout"] = "00:00:00.500",
            ["Scribe:Browser:UnresponsiveAfter"] = "00:00:01",
        });
        h.Web.FormForgetsSubmissions = true;
        h.Web.BrowserHangsDuringSubmit = afterTheRequestLeft;
        var final = await h.WaitAsync((await h.Client.StartAsync(FakeWeb.Spec(maxSteps: 8))).Id);

        Assert.Single(h.Web.Submissions);
        Assert.Equal(2, h.Web.SessionsOpened); // opened, rebuilt after the hang
        var submit = final.Steps.First(s => s.Action?.Kind == BrowserActionKind.Click && s.UrlBefore!.EndsWith("/form", StringComparison.Ordinal));
        Assert.Contains(afterTheRequestLeft ? "had sent POST http://fake.test/form" : "before any request that could change a server left it", submit.Note);
        if (afterTheRequestLeft)
        {
            Assert.Equal(WorkflowStatus.Succeeded, final.Status);
        }
    }
}
