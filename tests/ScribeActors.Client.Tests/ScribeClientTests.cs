using System.Reflection;
using Microsoft.Extensions.Time.Testing;
using ScribeActors.Abstractions;

namespace ScribeActors.Client.Tests;

/// <summary>What the SDK checks before it contacts the cluster: its grain factory here fails every call.</summary>
public sealed class ScribeClientTests
{
    private readonly ScribeClient _client = new(Unreachable.Create());

    [Fact]
    public void New_NullGrainFactory_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new ScribeClient(null!));
    }

    [Fact]
    public async Task StartAsync_InvalidSpec_ThrowsListingEveryProblemWithoutCallingTheCluster()
    {
        var spec = Snapshots.Spec() with { Objective = " ", StartUrl = "ftp://files.example.com/" };

        var error = await Assert.ThrowsAsync<InvalidWorkflowSpecException>(() => _client.StartAsync(spec));

        Assert.Contains("Objective is empty.", error.Errors);
        Assert.Contains("StartUrl 'ftp://files.example.com/' must use http or https, not 'ftp'.", error.Errors);
    }

    [Fact]
    public async Task StartAsync_NullSpec_Throws()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => _client.StartAsync(null!));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public async Task WorkflowCalls_BlankId_ThrowWithoutCallingTheCluster(string id)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _client.GetAsync(id));
        await Assert.ThrowsAsync<ArgumentException>(() => _client.PauseAsync(id));
        await Assert.ThrowsAsync<ArgumentException>(() => _client.CancelAsync(id));
        await Assert.ThrowsAsync<ArgumentException>(() => _client.CreateScheduleAsync(id, new ScheduleSpec { Cron = "0 7 * * *", Workflow = Snapshots.Spec() }));
    }

    [Fact]
    public void NewWorkflowId_IsWfThenTheUtcTimeThenARandomSuffix()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero));
        var client = new ScribeClient(Unreachable.Create(), time);

        var first = client.NewWorkflowId();
        var second = client.NewWorkflowId();

        Assert.Matches("^wf-20260304050607-[0-9a-f]{8}$", first);
        Assert.NotEqual(first, second);
    }

    /// <summary>A grain factory whose every method throws: proves a call never reached the cluster.</summary>
    public class Unreachable : DispatchProxy
    {
        public static IGrainFactory Create() => Create<IGrainFactory, Unreachable>();

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            throw new InvalidOperationException($"The client called {targetMethod?.Name} on the cluster.");
    }
}
