using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ScribeActors.IntegrationTests.Viewer;

/// <summary>
/// A benchmark, not a timed test: loads the run page of the 12-step run repeatedly in Chromium and reports, from
/// Navigation Timing, the time to DOMContentLoaded (the step timeline is drawn by then: the page's scripts are deferred),
/// to the load event (the screenshots in view loaded too), and the server's share (request to response end), in a
/// browser that sends its login with every request (no challenge round trips, no request interception). It fails
/// only if the page does not show the 12 steps; the figures go to the test output and TestResults/viewer/run-page-load.json.
/// </summary>
[Collection(ViewerCollection.Name), Trait("Suite", "Benchmark"), Trait("Needs", "Azurite,Chromium")]
public sealed class ViewerLoadBenchmark(ViewerFixture viewer, ITestOutputHelper output)
{
    private const int Warmup = 3;
    private const int Loads = 20;

    [Fact]
    public async Task RunPage_12StepRun_LoadTime()
    {
        var page = await viewer.NewPageAsync(preemptive: true);
        var url = viewer.Url($"/viewer/runs/{viewer.FinishedRun.Id}");
        var load = new List<double>();
        var drawn = new List<double>();
        var server = new List<double>();
        for (var i = 0; i < Warmup + Loads; i++)
        {
            await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            Assert.Equal(12, await page.Locator("#steps > li.step").CountAsync());
            var timing = await page.EvaluateAsync<double[]>(
                "() => { const n = performance.getEntriesByType('navigation')[0]; " +
                "return [n.loadEventEnd - n.startTime, n.domContentLoadedEventEnd - n.startTime, n.responseEnd - n.requestStart]; }");
            if (i >= Warmup)
            {
                load.Add(timing[0]);
                drawn.Add(timing[1]);
                server.Add(timing[2]);
            }
        }

        load.Sort();
        drawn.Sort();
        server.Sort();
        var result = new
        {
            steps = 12,
            loads = Loads,
            loadMedianMs = Math.Round(load[Loads / 2], 1),
            loadP95Ms = Math.Round(load[(int)(Loads * 0.95) - 1], 1),
            loadMaxMs = Math.Round(load[^1], 1),
            timelineDrawnMedianMs = Math.Round(drawn[Loads / 2], 1),
            timelineDrawnP95Ms = Math.Round(drawn[(int)(Loads * 0.95) - 1], 1),
            serverMedianMs = Math.Round(server[Loads / 2], 1),
            serverMaxMs = Math.Round(server[^1], 1),
        };
        var json = JsonSerializer.Serialize(result);
        output.WriteLine(json);
        await File.WriteAllTextAsync(Path.Combine(ViewerFixture.ArtefactFolder, "run-page-load.json"), json);
        Assert.True(load.TrueForAll(ms => ms > 0), string.Join(", ", load.Select(ms => ms.ToString(CultureInfo.InvariantCulture))));
    }
}
