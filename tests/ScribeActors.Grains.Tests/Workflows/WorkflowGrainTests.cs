using ScribeActors.Abstractions;
using ScribeActors.Grains.Tests.Fakes;
using ScribeActors.Testing;

namespace ScribeActors.Grains.Tests.Workflows;

[Trait("Suite", "Cluster")]
public sealed class WorkflowGrainTests(SharedCluster shared) : SharedClusterTests(shared)
{
    [Fact]
    public async Task StartAsync_ReplayOnFakeWeb_SucceedsWithEveryStepRecorded()
    {
        var h = Shared;
        var started = await h.Client.StartAsync(FakeWeb.Spec());
        var final = await h.WaitAsync(started.Id);

        Assert.Equal(WorkflowStatus.Succeeded, final.Status);
        Assert.Equal(["42"], h.Web.Submissions);
        Assert.Equal(4, final.Steps.Length);
        Assert.All(final.Steps, s => Assert.Equal(StepPhase.Done, s.Phase));
        Assert.All(final.Steps.Take(3), s => Assert.True(s.Outcome!.Succeeded));
        Assert.Equal(BrowserActionKind.Type, final.Steps[1].Action!.Kind);
        Assert.Equal("42", final.Steps[1].Action!.Text);
        Assert.Contains("Action: keyboard_sequence_action", final.Steps[1].Description);
        Assert.All(final.Steps.Take(3), s => Assert.StartsWith("dom/", s.ObservationRef));
        Assert.Contains((await h.Client.ListAsync(WorkflowStatus.Succeeded)), w => w.Id == started.Id && w.StepCount == 4);
    }

    [Fact]
    public async Task Replay_EachActedStep_CostsOneCaptureAndOneStateWrite()
    {
        var h = Shared;
        var started = await h.Client.StartAsync(FakeWeb.Spec());
        var final = await h.WaitAsync(started.Id);

        Assert.Equal(WorkflowStatus.Succeeded, final.Status);

        // Writes: the start, one per acted step (its intent carries the previous step's outcome, which the session
        // recorded durably before returning it; the first one carries the opened session), and the finish.
        Assert.Equal(1 + 3 + 1, final.Version);

        // Captures: the start page comes back with the opening, every later page with the action that led to it. Each
        // action's target was looked at while its intent was written.
        Assert.Equal(4, h.Web.Sessions.Single().Observations);
        Assert.Equal(3, h.Web.Sessions.Single().Prepared);
    }

    [Fact]
    public async Task PauseAsync_WhileActing_TheOutcomeIsDurableWhenTheLoopStops()
    {
        var h = Shared;
        var gate = new TaskCompletionSource();
        h.Web.BeforeType = ct => gate.Task.WaitAsync(ct);
        var started = await h.Client.StartAsync(FakeWeb.Spec());
        await h.EventuallyAsync(async () => (await h.Client.GetAsync(started.Id)).Steps.Length == 2, "the type action is in flight");
        await h.Client.PauseAsync(started.Id);
        gate.SetResult();
        await h.EventuallyAsync(async () => (await h.Client.GetAsync(started.Id)).Steps[1].Phase == StepPhase.Done, "the type action finished");

        // A fresh activation reads only what was written.
        var workflow = h.Grains.GetGrain<IWorkflowGrain>(started.Id);
        await h.EventuallyAsync(async () =>
        {
            await h.Cluster.DeactivateAsync(workflow);
            var stored = await h.Client.GetAsync(started.Id);
            return stored.Steps.Length == 2 && stored.Steps[1] is { Phase: StepPhase.Done, Outcome.Succeeded: true };
        }, "the outcome of the step in flight was written when the loop stopped");
        Assert.Equal(WorkflowStatus.Paused, (await h.Client.GetAsync(started.Id)).Status);
    }

    [Fact]
    public async Task Replay_ArtefactStorageDown_StepsAreRecordedWithoutObservationReferences()
    {
        var h = Shared;
        h.Artifacts.FailPuts = true;
        var started = await h.Client.StartAsync(FakeWeb.Spec());
        var final = await h.WaitAsync(started.Id);

        Assert.Equal(WorkflowStatus.Succeeded, final.Status);
        Assert.Equal(["42"], h.Web.Submissions);
        Assert.All(final.Steps, s => Assert.Null(s.ObservationRef));
    }

    [Fact]
    public async Task StartAsync_SameIdSameSpec_ReturnsExistingWorkflow()
    {
        var h = Shared;
        var first = await h.Client.StartAsync(FakeWeb.Spec(), "same");
        var again = await h.Client.StartAsync(FakeWeb.Spec(), "same");
        Assert.Equal(first.CreatedAt, again.CreatedAt);
        await h.WaitAsync("same");
        Assert.Single(h.Web.Submissions);
    }

    [Fact]
    public async Task PauseAsync_BeforeSubmit_StopsUntilResumed()
    {
        var h = Shared;
        var gate = new TaskCompletionSource();
        var clickEnded = new TaskCompletionSource();
        h.Web.BeforeSubmit = async ct =>
        {
            try
            {
                await gate.Task.WaitAsync(ct);
                return true;
            }
            finally
            {
                clickEnded.TrySetResult();
            }
        };
        var started = await h.Client.StartAsync(FakeWeb.Spec());
        await h.EventuallyAsync(async () => (await h.Client.GetAsync(started.Id)).Steps.Any(s => s.Phase == StepPhase.Acting && s.Action!.Kind == BrowserActionKind.Click && s.Index == 2), "the submit click is in flight");

        var paused = await h.Client.PauseAsync(started.Id);
        Assert.Equal(WorkflowStatus.Paused, paused.Status);
        gate.SetResult();

        // The outcome of the click in flight is written (one write after the pause's) only by the step loop once it has
        // seen the pause and left its loop, as its last act: nothing of this run can take another step after it.
        var stillPaused = await Eventually.ValueAsync(
            () => h.Client.GetAsync(started.Id),
            w => w.Version > paused.Version,
            "the step loop stopped for the pause and wrote the outcome of the step in flight",
            describe: w => $"version {w.Version} (paused at {paused.Version}), {w.Steps.Length} steps");
        Assert.Equal(paused.Version + 1, stillPaused.Version);
        Assert.Equal(WorkflowStatus.Paused, stillPaused.Status);
        Assert.Equal(3, stillPaused.Steps.Length);
        Assert.Equal(StepPhase.Done, stillPaused.Steps[2].Phase);

        await h.Client.ResumeAsync(started.Id);
        var final = await h.WaitAsync(started.Id);
        Assert.Equal(WorkflowStatus.Succeeded, final.Status);
        Assert.Single(h.Web.Submissions);
    }

    [Fact]
    public async Task CancelAsync_WhileActing_CancelsAndClosesTheSession()
    {
        var h = Shared;
        var gate = new TaskCompletionSource();
        var clickStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clickEnded = new TaskCompletionSource();
        h.Web.BeforeSubmit = async ct =>
        {
            clickStarted.TrySetResult();
            try
            {
                await gate.Task.WaitAsync(ct);
                return true;
            }
            finally
            {
                clickEnded.TrySetResult();
            }
        };
        var started = await h.Client.StartAsync(FakeWeb.Spec());
        // Wait for the click to be inside the page, not only recorded as acting: a cancel that lands between the two
        // closes the session before the click reaches the page, and the hook below would never run.
        await clickStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(3, (await h.Client.GetAsync(started.Id)).Steps.Length);

        var cancelled = await h.Client.CancelAsync(started.Id, "changed my mind");
        gate.TrySetResult();
        Assert.Equal(WorkflowStatus.Cancelled, cancelled.Status);
        Assert.Equal("changed my mind", cancelled.FailureReason);
        Assert.All(cancelled.Steps, s => Assert.Equal(StepPhase.Done, s.Phase));
        await h.EventuallyAsync(() => Task.FromResult(h.Web.Sessions.All(s => s.Disposed)), "the browser session is closed");
        Assert.False((await h.Grains.GetGrain<IBrowserSessionGrain>(started.Id).GetInfoAsync()).IsOpen);
        // The click the cancel overtook ends now (performed or cancelled with its session); its late result must not
        // undo the cancel or add a step.
        await clickEnded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var settled = await Eventually.StableAsync(() => h.Client.GetAsync(started.Id), s => (s.Status, s.Steps.Length), reads: 10, "the workflow after the overtaken click ended");
        Assert.Equal(WorkflowStatus.Cancelled, settled.Status);
        Assert.Equal(cancelled.Steps.Length, settled.Steps.Length);
    }

    [Fact]
    public async Task Run_ClickKeepsFailing_FailsAfterBoundedAttemptsNamingTheFailure()
    {
        var h = Shared;
        h.Web.ClickFailure = ActionFailureKind.NotInteractable;
        var final = await h.WaitAsync((await h.Client.StartAsync(FakeWeb.Spec())).Id);
        Assert.Equal(WorkflowStatus.Failed, final.Status);
        Assert.Contains("failed 3 times", final.FailureReason);
        Assert.Contains("NotInteractable", final.FailureReason);
        Assert.Equal(3, final.Steps.Length);
    }

    [Fact]
    public async Task Run_SubmitNavigatesButLoadTimesOut_CountsAsDoneAndIsNotRepeated()
    {
        var h = Shared;
        h.Web.SubmitLoadTimesOut = true;
        var final = await h.WaitAsync((await h.Client.StartAsync(FakeWeb.Spec())).Id);
        Assert.Equal(WorkflowStatus.Succeeded, final.Status);
        Assert.Equal(["42"], h.Web.Submissions);
        Assert.Contains("did not finish loading in time", final.Steps[2].Note);
        Assert.Equal(ActionFailureKind.Timeout, final.Steps[2].Outcome!.Failure);
    }

    [Fact]
    public async Task Run_StepLimitReached_Fails()
    {
        var h = Shared;
        var final = await h.WaitAsync((await h.Client.StartAsync(FakeWeb.Spec(maxSteps: 1))).Id);
        Assert.Equal(WorkflowStatus.Failed, final.Status);
        Assert.Contains("step limit of 1", final.FailureReason);
        Assert.Single(final.Steps);
    }

    [Fact]
    public async Task Run_StartUrlUnreachable_FailsAfterBoundedRetries()
    {
        var h = Shared;
        var spec = FakeWeb.Spec() with { StartUrl = "http://other.test/start", AllowedHosts = ["other.test"] };
        var final = await h.WaitAsync((await h.Client.StartAsync(spec)).Id);
        Assert.Equal(WorkflowStatus.Failed, final.Status);
        Assert.Contains("after 4 attempts", final.FailureReason);
        Assert.Contains("ERR_CONNECTION_REFUSED", final.FailureReason);
    }

    [Fact]
    public async Task GetAsync_UnknownWorkflow_ThrowsNotFound()
    {
        var h = Shared;
        var e = await Assert.ThrowsAsync<WorkflowNotFoundException>(() => h.Client.GetAsync("nope"));
        Assert.Equal("nope", e.WorkflowId);
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => h.Client.PauseAsync("nope"));
    }

    [Fact]
    public async Task WatchAsync_StreamsEveryStepThenTheTerminalStatus()
    {
        var h = Shared;
        var started = await h.Client.StartAsync(FakeWeb.Spec());
        var events = new List<Client.WorkflowEvent>();
        await foreach (var e in h.Client.WatchAsync(started.Id))
        {
            events.Add(e);
        }

        Assert.Equal(4, events.Count(e => e.Kind == Client.WorkflowEventKind.StepCompleted));
        Assert.Equal(WorkflowStatus.Succeeded, events[^1].Status);
        Assert.Equal(Client.WorkflowEventKind.Status, events[^1].Kind);
        Assert.Equal([0, 1, 2, 3], events.Where(e => e.Kind == Client.WorkflowEventKind.StepCompleted).Select(e => e.Step!.Index));
    }
}
