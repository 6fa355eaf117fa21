using ScribeActors.Abstractions;
using ScribeActors.Client.Tests.Fakes;

namespace ScribeActors.Client.Tests;

/// <summary>The SDK against a real (in-process) Orleans silo whose workflow grains are scripted fakes: retries,
/// watching, not-found, and the API key on every call.</summary>
[Collection(ClientClusterCollection.Name), Trait("Suite", "Cluster")]
public sealed class ScribeClientClusterTests(ClientClusterFixture cluster)
{
    [Fact]
    public async Task StartAsync_WorkflowUnavailableTwice_RetriesUntilItAnswers()
    {
        var id = NewId();
        var workflow = FakeWorkflows.Add(id, Snapshots.Of(id, 0, WorkflowStatus.Pending)).UnavailableFor(2);

        var snapshot = await cluster.Client.StartAsync(Snapshots.Spec(), id);

        Assert.Equal(id, snapshot.Id);
        Assert.Equal(WorkflowStatus.Pending, snapshot.Status);
        Assert.Equal(3, workflow.Starts);
    }

    [Fact]
    public async Task StartAsync_WorkflowUnavailableEveryTime_GivesUpAfterFiveAttempts()
    {
        var id = NewId();
        var workflow = FakeWorkflows.Add(id, Snapshots.Of(id, 0, WorkflowStatus.Pending)).UnavailableFor(int.MaxValue);

        await Assert.ThrowsAsync<WorkflowUnavailableException>(() => cluster.Client.StartAsync(Snapshots.Spec(), id));

        Assert.Equal(5, workflow.Starts);
    }

    [Fact]
    public async Task WatchAsync_WorkflowRunsToSuccess_StreamsEveryChangeOnceThenEnds()
    {
        var id = NewId();
        FakeWorkflows.Add(id,
            Snapshots.Of(id, 0, WorkflowStatus.Running),
            Snapshots.Of(id, 1, WorkflowStatus.Running, (1, StepPhase.Acting)),
            Snapshots.Of(id, 2, WorkflowStatus.Running, (1, StepPhase.Done), (2, StepPhase.Acting)),
            Snapshots.Of(id, 3, WorkflowStatus.Succeeded, (1, StepPhase.Done), (2, StepPhase.Done)));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var events = new List<WorkflowEvent>();
        await foreach (var e in cluster.Client.WatchAsync(id, timeout.Token))
        {
            events.Add(e);
        }

        Assert.Equal(
            [
                (WorkflowEventKind.Status, (int?)null, WorkflowStatus.Running),
                (WorkflowEventKind.StepStarted, 1, WorkflowStatus.Running),
                (WorkflowEventKind.StepCompleted, 1, WorkflowStatus.Running),
                (WorkflowEventKind.StepStarted, 2, WorkflowStatus.Running),
                (WorkflowEventKind.StepCompleted, 2, WorkflowStatus.Succeeded),
                (WorkflowEventKind.Status, null, WorkflowStatus.Succeeded),
            ],
            events.Select(e => (e.Kind, e.Step?.Index, e.Status)));
        Assert.All(events, e => Assert.Equal(id, e.WorkflowId));
    }

    [Fact]
    public async Task WaitForCompletionAsync_WorkflowRunsToSuccess_ReturnsTheFinalSnapshot()
    {
        var id = NewId();
        FakeWorkflows.Add(id,
            Snapshots.Of(id, 0, WorkflowStatus.Running),
            Snapshots.Of(id, 4, WorkflowStatus.Succeeded, (1, StepPhase.Done)));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var final = await cluster.Client.WaitForCompletionAsync(id, timeout.Token);

        Assert.Equal(4L, final.Version);
        Assert.True(final.IsTerminal);
    }

    [Fact]
    public async Task WatchAsync_UnknownWorkflow_ThrowsNotFoundWithoutRetrying()
    {
        var id = NewId();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<WorkflowNotFoundException>(async () =>
        {
            await foreach (var _ in cluster.Client.WatchAsync(id, timeout.Token))
            {
            }
        });

        Assert.Equal(id, error.WorkflowId);
        Assert.False(timeout.IsCancellationRequested);
    }

    [Fact]
    public async Task Calls_FromAClientWithAnApiKey_CarryTheKeyInTheRequestContext()
    {
        var id = NewId();
        var workflow = FakeWorkflows.Add(id, Snapshots.Of(id, 0, WorkflowStatus.Running));

        var paused = await cluster.Client.PauseAsync(id);
        var pausedKey = workflow.LastApiKey;
        workflow.LastApiKey = null;
        var cancelled = await cluster.Client.CancelAsync(id, "no longer needed");

        Assert.Equal(WorkflowStatus.Paused, paused.Status);
        Assert.Equal(ClientClusterFixture.ApiKey, pausedKey);
        Assert.Equal(WorkflowStatus.Cancelled, cancelled.Status);
        Assert.Equal("no longer needed", workflow.CancelReason);
        Assert.Equal(ClientClusterFixture.ApiKey, workflow.LastApiKey);
    }

    private static string NewId() => "wf-test-" + Guid.NewGuid().ToString("N")[..12];
}
