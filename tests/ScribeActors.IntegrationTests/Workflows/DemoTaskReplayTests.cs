using ScribeActors.Abstractions;
using ScribeActors.Browser;
using ScribeActors.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ScribeActors.IntegrationTests.Workflows;

/// <summary>Every demo task's expert solution, recorded in real Chromium and replayed through the whole runtime
/// (silo on Azurite, workflow grain, browser-session grain), succeeds, and the site's server check confirms it.</summary>
[Trait("Suite", "Integration"), Trait("Needs", "Azurite,Chromium")]
public sealed class DemoTaskReplayTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TestSilo _silo = null!;
    private DemoWorld _world = null!;

    public static TheoryData<string> TaskIds()
    {
        var data = new TheoryData<string>();
        foreach (var task in DemoSites.Tasks.DemoTaskCatalog.Create(new Uri("http://127.0.0.1:1/"), 3))
        {
            data.Add(task.Id);
        }

        return data;
    }

    public async Task InitializeAsync()
    {
        Requirements.Chromium();
        _world = await DemoWorld.StartAsync(seed: 3);
        _silo = await TestSilo.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _world.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(TaskIds))]
    public async Task Replay_ExpertSolution_SucceedsAndServerConfirms(string taskId)
    {
        var task = _world.Task(taskId);
        var recording = await _world.RecordAsync(_silo.Service<IBrowserHost>(), task);
        Assert.Equal(task.Script.Count, recording.Steps.Length);

        var started = await _silo.Client.StartAsync(_world.Spec(task, recording));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var final = await _silo.Client.WaitForCompletionAsync(started.Id, timeout.Token);
        foreach (var step in final.Steps)
        {
            output.WriteLine($"{step.Index + 1}: {step.Action} -> {step.Outcome} {step.Note}");
        }

        Assert.True(final.Status == WorkflowStatus.Succeeded, $"{taskId} ended {final.Status}: {final.FailureReason}");
        var check = task.Check(await _world.Client.GetStateAsync());
        Assert.True(check.Succeeded, $"{taskId}: server check failed: {check.Reason}");
        Assert.All(final.Steps.Where(s => s.Action is not null), s => Assert.NotNull(s.ObservationRef));
    }
}
