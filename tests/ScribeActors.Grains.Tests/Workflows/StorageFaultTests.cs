using ScribeActors.Abstractions;
using ScribeActors.Grains.Browser;
using ScribeActors.Grains.Tests.Fakes;
using ScribeActors.Grains.Workflows;

namespace ScribeActors.Grains.Tests.Workflows;

/// <summary>Storage that stops answering, loses acknowledged writes, or loses a session's state: workflows wait, reload
/// and reopen, and still submit exactly once. (Real Azurite killed and restarted is in the integration fault test.)</summary>
[Trait("Suite", "Cluster")]
public sealed class StorageFaultTests
{
    private static readonly Dictionary<string, string?> FastRetries = new()
    {
        ["Scribe:Workflow:RetryDelay"] = "00:00:00.020",
        ["Scribe:Workflow:MaxRetryDelay"] = "00:00:00.100",
    };

    [Fact]
    public async Task Run_StorageUnavailableForLongerThanTheErrorLimit_WaitsAndSucceeds()
    {
        var storage = new FaultyStorage();
        await using var h = await FakeCluster.StartAsync(null, FastRetries, storage);
        var (started, gate) = await StartWithTypingHeldAsync(h);

        // Storage goes away while the browser types; the loop meets it at the next write and keeps waiting for it far
        // beyond MaxInfrastructureErrors (10) refused operations.
        storage.Unavailable = true;
        gate.SetResult();
        await h.EventuallyAsync(() => Task.FromResult(storage.Refused > 30), "the loop kept trying through the outage");
        storage.Unavailable = false;

        var final = await h.WaitAsync(started.Id);
        Assert.True(final.Status == WorkflowStatus.Succeeded, Describe(final));
        Assert.Equal(["42"], h.Web.Submissions);
    }

    [Fact]
    public async Task Run_StorageLosesAcknowledgedWrites_ActivationReloadsAndSubmitsOnce()
    {
        var storage = new FaultyStorage();
        await using var h = await FakeCluster.StartAsync(null, FastRetries, storage);
        var submitting = new TaskCompletionSource();
        h.Web.BeforeSubmit = async ct =>
        {
            await submitting.Task.WaitAsync(ct);
            return true;
        };
        var (started, typing) = await StartWithTypingHeldAsync(h);
        var before = storage.Snapshot();
        typing.SetResult();
        await h.EventuallyAsync(async () => (await h.Client.GetAsync(started.Id)).Steps.Length == 3, "the submit click is in flight");

        // Storage restarts on older data: the type's outcome and the submit's intent are gone, every ETag changed.
        storage.RestoreWithNewETags(before);
        submitting.SetResult();

        var final = await h.WaitAsync(started.Id);
        Assert.True(final.Status == WorkflowStatus.Succeeded, Describe(final));
        Assert.Equal(["42"], h.Web.Submissions);
        Assert.True(storage.Conflicts > 0, "the lost writes were never noticed");
        Assert.Equal(0, final.Resumptions); // storage went back to this activation's own copy: it wrote its own back
    }

    [Fact]
    public async Task Run_AnotherActivationWroteTheWorkflow_ThisOneHandsOverAndTheFormIsSubmittedOnce()
    {
        var storage = new FaultyStorage();
        await using var h = await FakeCluster.StartAsync(null, FastRetries, storage);
        var (started, typing) = await StartWithTypingHeldAsync(h);

        // Another activation (a membership change) wrote the record: this one's next write must not overwrite it.
        storage.Rewrite<WorkflowState>("workflow/", s => s.WriterId = "another-activation");
        typing.SetResult();

        var final = await h.WaitAsync(started.Id);
        Assert.True(final.Status == WorkflowStatus.Succeeded, Describe(final));
        Assert.Equal(["42"], h.Web.Submissions);
        Assert.True(final.Resumptions >= 1, "the activation went on instead of handing over to one that reads the stored record");
    }

    [Fact]
    public async Task Run_StorageLosesTheWholeWorkflowRecord_TheActivationWritesItBackAndSubmitsOnce()
    {
        // An emulator restarted on older data can lose a workflow it had acknowledged: the record is gone, not changed.
        // Nobody else can have written one, so the activation's own copy is the truth and is written back.
        var storage = new FaultyStorage();
        await using var h = await FakeCluster.StartAsync(null, FastRetries, storage);
        var (started, typing) = await StartWithTypingHeldAsync(h);

        Assert.Equal(1, storage.Forget("workflow/")); // the workflow's record (state name "workflow"), nothing else
        typing.SetResult();

        var final = await h.WaitAsync(started.Id);
        Assert.True(final.Status == WorkflowStatus.Succeeded, Describe(final));
        Assert.Equal(["42"], h.Web.Submissions);
        Assert.True(storage.Conflicts > 0, "the lost record was never noticed");
        await h.Cluster.DeactivateAsync(h.Grains.GetGrain<IWorkflowGrain>(started.Id));
        Assert.Equal(WorkflowStatus.Succeeded, (await h.Client.GetAsync(started.Id)).Status); // and it is stored again
    }

    [Fact]
    public async Task Run_StorageLosesEverythingTheWorkflowWroteWhileTheSessionKeptItsSteps_TheFormIsFilledAgainAndSubmittedOnce()
    {
        // Seen after an emulator restart one step in: the workflow's record went back to "no session open, no step",
        // the session's record kept the steps it performed. The new activation opens a fresh context at the start page
        // (the old one, with the typed value, is gone) and recovers those steps as performed: the page is behind the
        // record, so it goes back to the form and types again before it submits.
        var storage = new FaultyStorage();
        await using var h = await FakeCluster.StartAsync(null, FastRetries, storage);
        var opening = new TaskCompletionSource();
        h.Web.BeforeOpen = ct => opening.Task.WaitAsync(ct);
        var typing = new TaskCompletionSource();
        h.Web.BeforeType = ct => typing.Task.WaitAsync(ct);
        var started = await h.Client.StartAsync(FakeWeb.Spec());
        var beforeTheFirstStep = storage.Snapshot();
        h.Web.BeforeOpen = null;
        opening.SetResult();
        await h.EventuallyAsync(async () => (await h.Client.GetAsync(started.Id)).Steps.Length == 2, "the type action is in flight");

        // Only the workflow's record goes back; the session's (its checkpoint and performed steps) stays. The record
        // is marked as another activation's: the one that wrote it is gone too (a silo killed with the emulator), so
        // nobody holds the lost steps but the session, and this activation hands over as to a record it cannot trust.
        storage.RestoreWithNewETags(storage.Snapshot().Where(e => !e.Key.Contains("workflow/", StringComparison.Ordinal))
            .Concat(beforeTheFirstStep.Where(e => e.Key.Contains("workflow/", StringComparison.Ordinal)))
            .ToDictionary(e => e.Key, e => e.Value));
        storage.Rewrite<WorkflowState>("workflow/", s => s.WriterId = "a-lost-activation");
        typing.SetResult();

        var final = await h.WaitAsync(started.Id);
        Assert.True(final.Status == WorkflowStatus.Succeeded, Describe(final));
        Assert.Equal(["42"], h.Web.Submissions);
        Assert.Contains(final.Steps, s => s.Note?.StartsWith("Recovered from the browser session's record", StringComparison.Ordinal) == true);
        Assert.Equal(2, h.Web.SessionsOpened); // the first, and the fresh one of the new activation
    }

    [Fact]
    public async Task Run_StorageLosesTheRecordOfAFailedStep_TheStepIsRecoveredAsFailedAndTakenAgain()
    {
        var storage = new FaultyStorage();
        await using var h = await FakeCluster.StartAsync(null, FastRetries, storage);
        var submitting = new TaskCompletionSource();
        var submits = 0;
        h.Web.BeforeSubmit = async ct =>
        {
            await submitting.Task.WaitAsync(ct);
            return Interlocked.Increment(ref submits) > 1; // the first submit is dropped: the step fails
        };
        var (started, typing) = await StartWithTypingHeldAsync(h);
        var before = storage.Snapshot();
        typing.SetResult();
        await h.EventuallyAsync(async () => (await h.Client.GetAsync(started.Id)).Steps.Length == 3, "the submit click is in flight");
        storage.RestoreWithNewETags(before);
        storage.Rewrite<WorkflowState>("workflow/", s => s.WriterId = "a-lost-activation"); // its writer is gone too (see above)
        submitting.SetResult();

        var final = await h.WaitAsync(started.Id);
        Assert.True(final.Status == WorkflowStatus.Succeeded, Describe(final));
        Assert.Equal(["42"], h.Web.Submissions);
        Assert.Contains(final.Steps, s => s.Outcome is { Succeeded: false } && s.Note?.StartsWith("Recovered", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Run_BrowserSessionStateLost_SessionIsReopenedAndTheWorkflowSucceeds()
    {
        var storage = new FaultyStorage();
        await using var h = await FakeCluster.StartAsync(null, FastRetries, storage);
        var (started, gate) = await StartWithTypingHeldAsync(h);
        await h.Client.PauseAsync(started.Id);
        gate.SetResult();
        await h.EventuallyAsync(async () => (await h.Client.GetAsync(started.Id)).Steps[1].Phase == StepPhase.Done, "the type action is done");

        // The session's stored checkpoint vanishes and its activation goes with it (a silo lost, storage rolled back).
        Assert.Equal(1, storage.Forget("session/"));
        await h.Cluster.DeactivateAsync(h.Grains.GetGrain<IBrowserSessionGrain>(started.Id));
        await h.Client.ResumeAsync(started.Id);

        var final = await h.WaitAsync(started.Id);
        Assert.True(final.Status == WorkflowStatus.Succeeded, Describe(final));
        Assert.Equal(["42"], h.Web.Submissions);
        Assert.Equal(2, h.Web.SessionsOpened);
    }

    [Fact]
    public async Task Run_StorageLosesTheEndingItAcknowledged_TheActivationWritesItBackAndNothingIsTakenAgain()
    {
        // Seen in the fault rounds: an emulator killed seconds after a workflow ended went back to the workflow running
        // a few steps earlier. The activation that ended it never writes again, so once it was gone (a silo killed
        // later) the next one resumed the "running" workflow and took its last steps again. The ending is read back.
        var storage = new FaultyStorage();
        await using var h = await FakeCluster.StartAsync(null, new Dictionary<string, string?>(FastRetries) { ["Scribe:Workflow:EndingCheckPeriod"] = "00:00:00.200" }, storage);
        var (started, typing) = await StartWithTypingHeldAsync(h);
        var running = storage.Snapshot();
        typing.SetResult();
        Assert.Equal(WorkflowStatus.Succeeded, (await h.WaitAsync(started.Id)).Status);

        storage.RestoreWithNewETags(running); // the workflow record says running, its session is open again
        Assert.Equal(WorkflowStatus.Running, storage.Read<WorkflowState>("workflow/").Status);

        await h.EventuallyAsync(() => Task.FromResult(storage.Read<WorkflowState>("workflow/").Status == WorkflowStatus.Succeeded), "the ending to be written back");
        await h.EventuallyAsync(() => Task.FromResult(!storage.Snapshot().Keys.Any(k => k.StartsWith("session/", StringComparison.Ordinal))), "the session's checkpoint to be deleted again");

        // The next activation (the first one lost) finds the workflow finished, and nothing is submitted again.
        await h.Cluster.DeactivateAsync(h.Grains.GetGrain<IWorkflowGrain>(started.Id));
        var final = await h.Client.GetAsync(started.Id);
        Assert.True(final.Status == WorkflowStatus.Succeeded, Describe(final));
        await Task.Delay(500);
        Assert.Equal(["42"], h.Web.Submissions);
    }

    [Fact]
    public async Task Run_AnotherActivationRebuiltTheSessionAtTheSameEpoch_ThisOneStandsDownAndTheFormIsSubmittedOnce()
    {
        // During a membership change two activations of a session can each rebuild its context from the same checkpoint,
        // at the same epoch. The one whose write finds the other's copy stored stands down (closes its context, lets no
        // request out) instead of merging and going on: two live contexts would each perform the workflow's actions.
        var storage = new FaultyStorage();
        await using var h = await FakeCluster.StartAsync(null, FastRetries, storage);
        var (started, typing) = await StartWithTypingHeldAsync(h);
        storage.Rewrite<BrowserSessionState>("session/", s => s.WriterId = "another-activation");
        typing.SetResult();

        var final = await h.WaitAsync(started.Id);
        Assert.True(final.Status == WorkflowStatus.Succeeded, Describe(final));
        Assert.Equal(["42"], h.Web.Submissions);
        Assert.Equal(2, h.Web.SessionsOpened); // the superseded context went; the next activation rebuilt one
        Assert.True(storage.Conflicts > 0, "the other activation's write was never noticed");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Run_WorkflowEnds_ItsBrowserSessionIsClosedAndItsCheckpointDeleted(bool fails)
    {
        var storage = new FaultyStorage();
        await using var h = await FakeCluster.StartAsync(null, FastRetries, storage);
        h.Web.ClickFailure = fails ? ActionFailureKind.NotInteractable : null;
        var final = await h.WaitAsync((await h.Client.StartAsync(FakeWeb.Spec())).Id);

        Assert.Equal(fails ? WorkflowStatus.Failed : WorkflowStatus.Succeeded, final.Status);
        // The ending is written first (watchers see it at once), then the session is closed.
        await h.EventuallyAsync(() => Task.FromResult(h.Web.Sessions.All(s => s.Disposed)), "the finished workflow's browser context to close");
        await h.EventuallyAsync(() => Task.FromResult(!storage.Snapshot().Keys.Any(k => k.StartsWith("session/", StringComparison.Ordinal))), "the session's checkpoint to be deleted");
    }

    private static string Describe(WorkflowSnapshot w) =>
        $"{w.Status}: {w.FailureReason}\n" + string.Join("\n", w.Steps.Select(s => $"  {s.Index} {s.Phase} cursor {s.SourceCursor} {s.Action} -> {s.Outcome} at {s.UrlAfter} ({s.Note})"));

    /// <summary>Starts the fake workflow with its type action held in the browser, and waits until it is; the gate
    /// returned lets the action go on.</summary>
    private static async Task<(WorkflowSnapshot Started, TaskCompletionSource Gate)> StartWithTypingHeldAsync(FakeCluster h)
    {
        var gate = new TaskCompletionSource();
        h.Web.BeforeType = ct => gate.Task.WaitAsync(ct);
        var started = await h.Client.StartAsync(FakeWeb.Spec());
        await h.EventuallyAsync(async () => (await h.Client.GetAsync(started.Id)).Steps.Length == 2, "the type action is in flight");
        return (started, gate);
    }
}
