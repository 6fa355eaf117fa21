using ScribeActors.Abstractions;

namespace ScribeActors.Client.Tests;

public sealed class WorkflowEventTrackerTests
{
    private const string Id = "wf-1";

    [Fact]
    public void Diff_FirstSnapshot_ReportsItsStatusOnce()
    {
        var tracker = new WorkflowEventTracker();

        var events = tracker.Diff(Snapshots.Of(Id, 0, WorkflowStatus.Pending)).ToList();

        var only = Assert.Single(events);
        Assert.Equal(WorkflowEventKind.Status, only.Kind);
        Assert.Equal(WorkflowStatus.Pending, only.Status);
        Assert.Equal(Id, only.WorkflowId);
        Assert.Null(only.Step);
        Assert.Equal(0L, tracker.Version);
    }

    [Fact]
    public void Version_BeforeAnySnapshot_IsMinusOne()
    {
        Assert.Equal(-1L, new WorkflowEventTracker().Version);
    }

    [Fact]
    public void Diff_SameVersionAgain_ReportsNothing()
    {
        var tracker = new WorkflowEventTracker();
        var snapshot = Snapshots.Of(Id, 3, WorkflowStatus.Running, (1, StepPhase.Acting));
        _ = tracker.Diff(snapshot).ToList();

        var again = tracker.Diff(snapshot with { Status = WorkflowStatus.Paused }).ToList();

        Assert.Empty(again);
    }

    [Fact]
    public void Diff_StepActingThenDone_ReportsStartedThenCompleted()
    {
        var tracker = new WorkflowEventTracker();
        _ = tracker.Diff(Snapshots.Of(Id, 1, WorkflowStatus.Running)).ToList();

        var acting = tracker.Diff(Snapshots.Of(Id, 2, WorkflowStatus.Running, (1, StepPhase.Acting))).ToList();
        var done = tracker.Diff(Snapshots.Of(Id, 3, WorkflowStatus.Running, (1, StepPhase.Done))).ToList();

        var started = Assert.Single(acting);
        Assert.Equal(WorkflowEventKind.StepStarted, started.Kind);
        Assert.Equal(1, started.Step!.Index);
        var completed = Assert.Single(done);
        Assert.Equal(WorkflowEventKind.StepCompleted, completed.Kind);
        Assert.Equal(StepPhase.Done, completed.Step!.Phase);
        Assert.Equal(3L, completed.Snapshot.Version);
    }

    [Fact]
    public void Diff_StepFirstSeenDone_ReportsOnlyCompleted()
    {
        var tracker = new WorkflowEventTracker();

        var events = tracker.Diff(Snapshots.Of(Id, 5, WorkflowStatus.Running, (1, StepPhase.Done), (2, StepPhase.Done))).ToList();

        Assert.Equal(
            [WorkflowEventKind.StepCompleted, WorkflowEventKind.StepCompleted, WorkflowEventKind.Status],
            events.Select(e => e.Kind));
        Assert.Equal([1, 2], events.Where(e => e.Step is not null).Select(e => e.Step!.Index));
    }

    [Fact]
    public void Diff_StepMovesBetweenUnfinishedPhases_ReportsItStartedOnce()
    {
        var tracker = new WorkflowEventTracker();
        _ = tracker.Diff(Snapshots.Of(Id, 1, WorkflowStatus.Running, (1, StepPhase.Decided))).ToList();

        var events = tracker.Diff(Snapshots.Of(Id, 2, WorkflowStatus.Running, (1, StepPhase.Acting))).ToList();

        Assert.Empty(events);
    }

    [Fact]
    public void Diff_StepsAndStatusChangeTogether_ReportsStepsBeforeTheStatus()
    {
        var tracker = new WorkflowEventTracker();
        _ = tracker.Diff(Snapshots.Of(Id, 1, WorkflowStatus.Running, (1, StepPhase.Acting))).ToList();

        var events = tracker.Diff(Snapshots.Of(Id, 2, WorkflowStatus.Succeeded, (1, StepPhase.Done), (2, StepPhase.Done))).ToList();

        Assert.Equal(
            [WorkflowEventKind.StepCompleted, WorkflowEventKind.StepCompleted, WorkflowEventKind.Status],
            events.Select(e => e.Kind));
        Assert.Equal(WorkflowStatus.Succeeded, events[^1].Status);
        Assert.All(events, e => Assert.Equal(WorkflowStatus.Succeeded, e.Status));
    }

    [Fact]
    public void Diff_LowerVersionAfterResume_TakesItAsTheBaseWithoutRepeatingReportedSteps()
    {
        var tracker = new WorkflowEventTracker();
        _ = tracker.Diff(Snapshots.Of(Id, 7, WorkflowStatus.Running, (1, StepPhase.Done), (2, StepPhase.Acting))).ToList();

        // Storage kept an older state: step 2 is again Acting, and the workflow goes on from version 5.
        var resumed = tracker.Diff(Snapshots.Of(Id, 5, WorkflowStatus.Running, (1, StepPhase.Done), (2, StepPhase.Acting))).ToList();
        var next = tracker.Diff(Snapshots.Of(Id, 6, WorkflowStatus.Running, (1, StepPhase.Done), (2, StepPhase.Done), (3, StepPhase.Acting))).ToList();

        Assert.Empty(resumed);
        Assert.Equal(6L, tracker.Version);
        Assert.Equal(
            [(WorkflowEventKind.StepCompleted, 2), (WorkflowEventKind.StepStarted, 3)],
            next.Select(e => (e.Kind, e.Step!.Index)));
    }
}
