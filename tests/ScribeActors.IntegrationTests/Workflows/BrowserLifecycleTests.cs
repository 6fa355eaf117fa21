using ScribeActors.Abstractions;
using ScribeActors.Browser;
using ScribeActors.IntegrationTests.Infrastructure;
using ScribeActors.Testing;
using Xunit.Abstractions;

namespace ScribeActors.IntegrationTests.Workflows;

/// <summary>A silo running workflow after workflow keeps no browser context behind: whatever the ending (succeeded,
/// failed, cancelled), the renderer count goes back to its idle value once the workflow is over.</summary>
[Trait("Suite", "Integration"), Trait("Needs", "Azurite,Chromium")]
public sealed class BrowserLifecycleTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private TestSilo _silo = null!;
    private DemoWorld _world = null!;

    public async Task InitializeAsync()
    {
        Requirements.Chromium();
        _world = await DemoWorld.StartAsync(seed: 5);
        _silo = await TestSilo.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _world.DisposeAsync();
    }

    [Fact]
    public async Task Workflows_EndingEveryWay_RenderersReturnToIdleAfterEach()
    {
        var browsers = _silo.Service<IBrowserHost>();
        var task = _world.Task("supplier.download-invoice");
        var recording = await _world.RecordAsync(browsers, task);
        var idle = await SettledAsync(browsers);
        output.WriteLine($"idle: {idle}");
        Assert.True(idle.Launched, "recording should have launched the silo's Chromium");

        var spec = _world.Spec(task, recording);
        var broken = spec with
        {
            StepSource = StepSourceSpec.ForReplay(recording with
            {
                Steps = [recording.Steps[0] with { Signature = recording.Steps[0].Signature! with { Tag = "marquee" } }, .. recording.Steps[1..]],
            }),
        };

        foreach (var (label, workflow, cancel, expected) in new[]
        {
            ("succeeds", spec, false, WorkflowStatus.Succeeded),
            ("fails", broken, false, WorkflowStatus.Failed),
            ("succeeds again", spec, false, WorkflowStatus.Succeeded),
            ("cancelled", spec, true, WorkflowStatus.Cancelled),
            ("succeeds once more", spec, false, WorkflowStatus.Succeeded),
        })
        {
            await _world.Client.ResetAsync(_world.Seed);
            var started = await _silo.Client.StartAsync(workflow);
            if (cancel)
            {
                await Eventually.TrueAsync(async () => (await _silo.Client.GetAsync(started.Id)).Steps.Length >= 2, "two steps before the cancel", Patience);
                await _silo.Client.CancelAsync(started.Id);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var final = await _silo.Client.WaitForCompletionAsync(started.Id, timeout.Token);
            Assert.True(final.Status == expected, $"{label}: {final.Status}: {final.FailureReason}");

            var after = await SettledAsync(browsers);
            output.WriteLine($"{label}: {after}");
            Assert.Equal(0, after.Contexts);
            // One more is Chromium's spare renderer, kept for the context that navigated last (the warm context's
            // or a closed one's): it comes and goes. A context left behind adds its own, and they add up workflow
            // after workflow, so a leak fails here by the second workflow at the latest.
            Assert.True(after.Renderers <= idle.Renderers + 1, $"after the workflow that {label}, {after.Renderers} renderers remain; idle is {idle.Renderers}");
        }

        // The silo reports the same on its web port.
        using var http = new HttpClient();
        using var details = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(new Uri(_silo.WebUrl, "health/details")));
        var data = details.RootElement.GetProperty("checks").GetProperty("browser").GetProperty("data");
        Assert.Equal(0, data.GetProperty("contexts").GetInt32());
        Assert.True(data.GetProperty("launched").GetBoolean());
        Assert.True(data.GetProperty("renderers").GetInt32() <= idle.Renderers + 1);
        Assert.Equal(Warm, data.GetProperty("warmContexts").GetInt32());
        Assert.True(data.GetProperty("memoryBytes").GetInt64() > 0);
        Assert.True(data.GetProperty("contextsSinceLaunch").GetInt32() >= 6, "the recording's context and one per workflow");
    }

    /// <summary>The silo's warm contexts (<see cref="BrowserOptions.WarmContexts"/>, the default): part of the idle browser.</summary>
    private static readonly int Warm = new BrowserOptions().WarmContexts;

    /// <summary>Contexts close and renderer processes exit a moment after a workflow ends: the stats once no context is
    /// open, the warm contexts are made and the process counts held still for half a second (memory moves all the time,
    /// so it is not compared).</summary>
    private static async Task<BrowserStats> SettledAsync(IBrowserHost browsers)
    {
        var run = 0;
        BrowserStats? last = null;
        return await Eventually.ValueAsync(
            async () =>
            {
                var stats = await browsers.GetStatsAsync();
                var same = stats.Contexts == 0 && stats.WarmContexts == Warm && last is not null && (last.Renderers, last.Processes) == (stats.Renderers, stats.Processes);
                run = same ? run + 1 : 0;
                last = stats;
                return stats;
            },
            _ => run >= 10,
            "the browser's contexts to close and its process count to settle",
            Patience,
            stats => stats.ToString());
    }
}
