using Microsoft.Playwright;
using ScribeActors.Abstractions;
using ScribeActors.Testing;

namespace ScribeActors.IntegrationTests.Viewer;

/// <summary>The runs list in real Chromium: it shows the runs with their facts, filters by status and text, and a run
/// started while it is open appears without a reload.</summary>
[Collection(ViewerCollection.Name), Trait("Suite", "Integration"), Trait("Needs", "Azurite,Chromium")]
public sealed class ViewerRunsPageTests(ViewerFixture viewer)
{
    [Fact]
    public async Task RunsPage_FinishedRun_ListedWithObjectiveStatusStepsAndTimes()
    {
        var console = new List<string>();
        var page = await viewer.NewPageAsync(console);
        var response = await page.GotoAsync(viewer.Url("/viewer/"));
        Assert.Equal(200, response!.Status);

        var row = page.Locator($"tr[data-run=\"{viewer.FinishedRun.Id}\"]");
        await Assertions.Expect(row).ToBeVisibleAsync();
        var cells = await row.Locator("td").AllInnerTextsAsync();
        Assert.Equal(viewer.FinishedRun.Id, cells[0]);
        Assert.Equal(ViewerFixture.Objective, cells[1]); // markup in the objective is shown as text
        Assert.Equal("Succeeded", cells[2]);
        Assert.Equal("12", cells[3]);
        Assert.Equal(Shown(viewer.FinishedRun.CreatedAt), cells[4]);
        Assert.Equal(Shown(viewer.FinishedRun.UpdatedAt), cells[5]);
        Assert.Equal("0", cells[6]);
        Assert.DoesNotContain(console, m => m.Contains("OBJECTIVE-MARKUP-RAN", StringComparison.Ordinal));
        await ViewerFixture.SaveAsync(page, "runs");

        await row.Locator("a").ClickAsync();
        await page.WaitForURLAsync($"**/viewer/runs/{viewer.FinishedRun.Id}");
    }

    [Fact]
    public async Task RunsPage_StatusAndTextFilters_ShowOnlyMatchingRuns()
    {
        var stuck = await viewer.Silo.Client.StartAsync(viewer.StuckSpec());
        try
        {
            var page = await viewer.NewPageAsync();
            await page.GotoAsync(viewer.Url("/viewer/?status=Succeeded"));
            await Assertions.Expect(page.Locator($"tr[data-run=\"{viewer.FinishedRun.Id}\"]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator($"tr[data-run=\"{stuck.Id}\"]")).ToHaveCountAsync(0);

            await page.SelectOptionAsync("#status-filter", "");
            await page.FillAsync("#text-filter", "never answers");
            await Assertions.Expect(page.Locator($"tr[data-run=\"{stuck.Id}\"]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator($"tr[data-run=\"{viewer.FinishedRun.Id}\"]")).ToHaveCountAsync(0);
            Assert.Contains("q=never+answers", page.Url, StringComparison.Ordinal);
        }
        finally
        {
            await viewer.Silo.Client.CancelAsync(stuck.Id, "test over");
        }
    }

    [Fact]
    public async Task RunsPage_RunStartedWhileOpen_AppearsAndFinishesWithoutReload()
    {
        var page = await viewer.NewPageAsync();
        await page.GotoAsync(viewer.Url("/viewer/"));
        await Assertions.Expect(page.Locator($"tr[data-run=\"{viewer.FinishedRun.Id}\"]")).ToBeVisibleAsync();
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");

        var started = await viewer.Silo.Client.StartAsync(viewer.Spec());
        var row = page.Locator($"tr[data-run=\"{started.Id}\"]");
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 10_000 });
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await viewer.Silo.Client.WaitForCompletionAsync(started.Id, timeout.Token);
        await Assertions.Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("Succeeded", new() { Timeout = 5_000 });
        await Assertions.Expect(row.Locator("td.steps")).ToHaveTextAsync("12");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the list reloaded instead of updating");
    }

    private static string Shown(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + "Z";
}
