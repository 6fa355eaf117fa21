using System.Net;
using Microsoft.Playwright;
using ScribeActors.Abstractions;
using ScribeActors.IntegrationTests.Infrastructure;

namespace ScribeActors.IntegrationTests.Viewer;

/// <summary>The schedules page in real Chromium: a schedule with its next occurrences, and the Remove button.</summary>
[Collection(ViewerCollection.Name), Trait("Suite", "Integration"), Trait("Needs", "Azurite,Chromium")]
public sealed class ViewerSchedulesTests(ViewerFixture viewer)
{
    [Fact]
    public async Task SchedulesPage_Schedule_ListedWithNextOccurrencesAndRemovedByButton()
    {
        var id = "viewer-" + Guid.NewGuid().ToString("N")[..8];
        // Noon on the first of January: no occurrence falls due while the test runs.
        var created = await viewer.Silo.Client.CreateScheduleAsync(id, new ScheduleSpec { Cron = "0 12 1 1 *", Workflow = viewer.Spec() });
        var page = await viewer.NewPageAsync();
        await page.GotoAsync(viewer.Url("/viewer/schedules"));

        var row = page.Locator($"tr[data-schedule=\"{id}\"]");
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(row.Locator("code")).ToHaveTextAsync("0 12 1 1 *");
        await Assertions.Expect(row.Locator("td.objective")).ToHaveTextAsync(ViewerFixture.Objective);
        var next = await row.Locator("td.next li").AllInnerTextsAsync();
        Assert.Equal(5, next.Count);
        var first = created.NextOccurrence!.Value.UtcDateTime;
        Assert.Equal(first.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + "Z", next[0]);
        Assert.All(next.Select((text, i) => (text, i)), o => Assert.StartsWith($"{first.Year + o.i}-01-01 12:00:00", o.text, StringComparison.Ordinal));
        await ViewerFixture.SaveAsync(page, "schedules");

        await row.Locator("button.remove").ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        using var http = ApiHttp.Client(viewer.Silo.WebUrl, ViewerFixture.Key);
        using var gone = await http.GetAsync($"/api/schedules/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}
