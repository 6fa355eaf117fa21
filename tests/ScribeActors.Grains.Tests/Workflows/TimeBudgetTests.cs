using Microsoft.Extensions.Time.Testing;
using ScribeActors.Abstractions;
using ScribeActors.Grains.Tests.Fakes;
using ScribeActors.Testing;

namespace ScribeActors.Grains.Tests.Workflows;

/// <summary>The per-workflow time budget (<see cref="WorkflowSpec.MaxDuration"/>) on the grains' fake clock.</summary>
[Trait("Suite", "Cluster")]
public sealed class TimeBudgetTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Run_DeadlinePassesWhileAStepIsInFlight_FailsNamingTheBudgetAndStopsTheStep()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        await using var h = await FakeCluster.StartAsync(time, null);
        var gate = new TaskCompletionSource();
        var typing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Web.BeforeType = ct =>
        {
            typing.TrySetResult();
            return gate.Task.WaitAsync(ct);
        };
        var started = await h.Client.StartAsync(FakeWeb.Spec() with { MaxDuration = Budget });
        await typing.Task.WaitAsync(TimeSpan.FromSeconds(30));

        time.Advance(Budget + TimeSpan.FromSeconds(1));
        WorkflowSnapshot final;
        try
        {
            final = await h.WaitAsync(started.Id);
        }
        finally
        {
            gate.TrySetResult(); // the type the deadline overtook may end now
        }

        Assert.Equal(WorkflowStatus.Failed, final.Status);
        Assert.StartsWith("Ran out of its time budget of 00:10:00: started 2026-12-07 09:00:00Z, deadline 2026-12-07 09:10:00Z, 2 step(s) taken",
            final.FailureReason, StringComparison.Ordinal);
        Assert.Equal(2, final.Steps.Length);
        Assert.Equal("Stopped by the time budget while acting; outcome unknown.", final.Steps[1].Note);
        Assert.All(final.Steps, s => Assert.Equal(StepPhase.Done, s.Phase));
        await h.EventuallyAsync(() => Task.FromResult(h.Web.Sessions.All(s => s.Disposed)), "the browser session is closed");

        // The type the deadline overtook ends now; its late result must not undo the ending or add a step.
        var settled = await Eventually.StableAsync(() => h.Client.GetAsync(started.Id), s => (s.Status, s.Steps.Length), reads: 10, "the workflow after the overtaken type ended");
        Assert.Equal(WorkflowStatus.Failed, settled.Status);
        Assert.Equal(2, settled.Steps.Length);
        Assert.Empty(h.Web.Submissions);
    }

    [Fact]
    public async Task ResumeAsync_AfterTheDeadlinePassedInAnotherActivation_FailsBeforeTakingAStep()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        await using var h = await FakeCluster.StartAsync(time, null);
        var gate = new TaskCompletionSource();
        h.Web.BeforeType = ct => gate.Task.WaitAsync(ct);
        var started = await h.Client.StartAsync(FakeWeb.Spec() with { MaxDuration = Budget });
        await h.EventuallyAsync(async () => (await h.Client.GetAsync(started.Id)).Steps.Length == 2, "the type action is in flight");
        var paused = await h.Client.PauseAsync(started.Id);
        gate.SetResult();
        await Eventually.ValueAsync(() => h.Client.GetAsync(started.Id), w => w.Version > paused.Version, "the step loop stopped for the pause");

        // A fresh activation knows the start time only from what was stored.
        await h.Cluster.DeactivateAsync(h.Grains.GetGrain<IWorkflowGrain>(started.Id));
        time.Advance(Budget);
        await h.Client.ResumeAsync(started.Id);
        var final = await h.WaitAsync(started.Id);

        Assert.Equal(WorkflowStatus.Failed, final.Status);
        Assert.StartsWith("Ran out of its time budget of 00:10:00", final.FailureReason, StringComparison.Ordinal);
        Assert.Equal(2, final.Steps.Length); // nothing after the type
        Assert.Empty(h.Web.Submissions);
    }

    [Fact]
    public async Task Run_WithinItsBudget_SucceedsAsWithout()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero));
        await using var h = await FakeCluster.StartAsync(time, null);

        var final = await h.WaitAsync((await h.Client.StartAsync(FakeWeb.Spec() with { MaxDuration = Budget })).Id);

        Assert.Equal(WorkflowStatus.Succeeded, final.Status);
        Assert.Equal(["42"], h.Web.Submissions);
        Assert.Equal(Budget, final.Spec.MaxDuration);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:01")]
    [InlineData("7.00:00:01")]
    public void Validate_MaxDurationNotPositiveOrOverSevenDays_NamesTheField(string value)
    {
        var spec = FakeWeb.Spec() with { MaxDuration = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture) };

        var error = Assert.Single(spec.Validate());

        Assert.StartsWith($"MaxDuration {value} is outside (0, 7.00:00:00]", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MaxDurationAtItsBoundOrNone_IsValid()
    {
        Assert.Empty((FakeWeb.Spec() with { MaxDuration = WorkflowSpec.MaxDurationLimit }).Validate());
        Assert.Empty((FakeWeb.Spec() with { MaxDuration = null }).Validate());
    }
}
