using System.Net;
using Microsoft.Playwright;
using ScribeActors.Abstractions;
using ScribeActors.Agent.Recording;
using ScribeActors.IntegrationTests.Infrastructure;

namespace ScribeActors.IntegrationTests.Viewer;

/// <summary>The schedules page in real Chromium: a schedule with its next occurrences and the runs it started (a link to
/// the runs list filtered by it), the Remove button, and the form that adds a schedule through the REST API.</summary>
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

    [Fact]
    public async Task SchedulesPage_ScheduleThatStartedARun_LinksToTheRunsListFilteredByIt()
    {
        var id = "viewer-runs-" + Guid.NewGuid().ToString("N")[..8];
        // One occurrence, a few seconds from now (then next year): ticked once, it starts exactly one run.
        var at = DateTimeOffset.UtcNow.AddSeconds(3);
        var cron = $"{at.Second} {at.Minute} {at.Hour} {at.Day} {at.Month} *";
        await viewer.Silo.Client.CreateScheduleAsync(id, new ScheduleSpec { Cron = cron, Workflow = viewer.Spec() });
        try
        {
            await Task.Delay(at - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1));
            var runId = await viewer.Silo.Service<IGrainFactory>().GetGrain<IScheduleGrain>(id).TickAsync();
            Assert.NotNull(runId);

            var page = await viewer.NewPageAsync();
            await page.GotoAsync(viewer.Url("/viewer/schedules"));
            var link = page.Locator($"tr[data-schedule=\"{id}\"] a.runs");
            await Assertions.Expect(link).ToHaveTextAsync("1 run");
            await link.ClickAsync();

            await page.WaitForURLAsync($"**/viewer/?schedule={id}");
            await Assertions.Expect(page.Locator("#schedule-filter")).ToHaveValueAsync(id);
            await Assertions.Expect(page.Locator($"tr[data-run=\"{runId}\"]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#runs > tr")).ToHaveCountAsync(1);
            await ViewerFixture.SaveAsync(page, "runs-of-schedule");

            await page.SelectOptionAsync("#schedule-filter", "");
            await Assertions.Expect(page.Locator($"tr[data-run=\"{viewer.FinishedRun.Id}\"]")).ToBeVisibleAsync();
            Assert.DoesNotContain("schedule=", page.Url, StringComparison.Ordinal);
        }
        finally
        {
            await viewer.Silo.Client.DeleteScheduleAsync(id);
        }
    }

    [Fact]
    public async Task SchedulesPage_AddForm_AddsTheScheduleThroughTheApi()
    {
        var id = "viewer-add-" + Guid.NewGuid().ToString("N")[..8];
        var page = await viewer.NewPageAsync();
        await page.GotoAsync(viewer.Url("/viewer/schedules"));

        await FillAsync(page, id, "30 6 * * MON-FRI", "Europe/Paris");
        await page.ClickAsync("#add-schedule button.add");

        var row = page.Locator($"tr[data-schedule=\"{id}\"]");
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(row.Locator("code")).ToHaveTextAsync("30 6 * * MON-FRI");
        await Assertions.Expect(page.Locator("#schedule-problem")).ToBeHiddenAsync();
        var stored = await viewer.Silo.Client.GetScheduleAsync(id);
        Assert.Equal("Europe/Paris", stored.Spec.TimeZone);
        Assert.Equal("Add form <b>objective</b>", stored.Spec.Workflow.Objective);
        Assert.Equal(viewer.Site.Url("steps.html"), stored.Spec.Workflow.StartUrl);
        Assert.Equal(StepSourceKind.Model, stored.Spec.Workflow.StepSource.Kind);
        Assert.Equal("tiny", stored.Spec.Workflow.StepSource.Model!.ModelId);
        await viewer.Silo.Client.DeleteScheduleAsync(id);
    }

    [Fact]
    public async Task SchedulesPage_AddFormWithAReplayFile_SchedulesThatReplayWithItsObjectiveAndStartUrl()
    {
        var id = "viewer-replay-" + Guid.NewGuid().ToString("N")[..8];
        var page = await viewer.NewPageAsync();
        await page.GotoAsync(viewer.Url("/viewer/schedules"));

        await page.FillAsync("#add-schedule [name=id]", id);
        await page.FillAsync("#add-schedule [name=cron]", "0 5 * * *");
        await page.SetInputFilesAsync("#add-schedule [name=replayFile]", new FilePayload
        {
            Name = "steps.replay.json",
            MimeType = "application/json",
            Buffer = System.Text.Encoding.UTF8.GetBytes(RecordedWorkflowFile.Serialize(viewer.Recording)),
        });
        await Assertions.Expect(page.Locator("#add-schedule [name=objective]")).ToHaveValueAsync(viewer.Recording.Objective);
        await page.ClickAsync("#add-schedule button.add");

        await Assertions.Expect(page.Locator($"tr[data-schedule=\"{id}\"]")).ToBeVisibleAsync();
        var stored = await viewer.Silo.Client.GetScheduleAsync(id);
        Assert.Equal(viewer.Recording.Objective, stored.Spec.Workflow.Objective);
        Assert.Equal(viewer.Recording.StartUrl, stored.Spec.Workflow.StartUrl);
        Assert.Equal(StepSourceKind.Replay, stored.Spec.Workflow.StepSource.Kind);
        Assert.Equal(
            viewer.Recording.Steps.Select(s => (s.Action, s.Node, s.Description)),
            stored.Spec.Workflow.StepSource.Replay!.Steps.Select(s => (s.Action, s.Node, s.Description)));
        await viewer.Silo.Client.DeleteScheduleAsync(id);
    }

    [Fact]
    public async Task SchedulesPage_ReplayFileThatIsNotJson_SaysSoBesideTheStepSourceAndFillsNothing()
    {
        var page = await viewer.NewPageAsync();
        await page.GotoAsync(viewer.Url("/viewer/schedules"));

        await page.SetInputFilesAsync("#add-schedule [name=replayFile]", new FilePayload
        {
            Name = "notes.json",
            MimeType = "application/json",
            Buffer = System.Text.Encoding.UTF8.GetBytes("{ \"objective\": \"half a file"),
        });

        await Assertions.Expect(page.Locator("#schedule-problem")).ToContainTextAsync("notes.json is not JSON");
        await Assertions.Expect(page.Locator(".field-error[data-for=\"stepSource\"]")).Not.ToBeEmptyAsync();
        await Assertions.Expect(page.Locator("#add-schedule [name=stepSource]")).ToHaveValueAsync("");
        await Assertions.Expect(page.Locator("#add-schedule [name=objective]")).ToHaveValueAsync("");
    }

    [Theory]
    [InlineData("61 * * * *", "Europe/Paris", "cron", "Cron expression")]
    [InlineData("0 7 * * *", "Mars/Olympus_Mons", "timeZone", "Time zone")]
    public async Task SchedulesPage_AddFormTheApiRefuses_ShowsWhichFieldAndWhyAndAddsNothing(string cron, string timeZone, string field, string why)
    {
        var id = "viewer-bad-" + Guid.NewGuid().ToString("N")[..8];
        var page = await viewer.NewPageAsync();
        await page.GotoAsync(viewer.Url("/viewer/schedules"));

        await FillAsync(page, id, cron, timeZone);
        await page.ClickAsync("#add-schedule button.add");

        var problem = page.Locator("#schedule-problem");
        await Assertions.Expect(problem).ToBeVisibleAsync();
        await Assertions.Expect(problem).ToContainTextAsync("Nothing was added.");
        await Assertions.Expect(problem.Locator($"li[data-field=\"{field}\"]")).ToContainTextAsync(why);
        await Assertions.Expect(page.Locator($".field-error[data-for=\"{field}\"]")).ToContainTextAsync(why);
        await Assertions.Expect(page.Locator($"#add-schedule [name=\"{field}\"]")).ToHaveAttributeAsync("aria-invalid", "true");
        await ViewerFixture.SaveAsync(page, "schedule-refused");
        using var http = ApiHttp.Client(viewer.Silo.WebUrl, ViewerFixture.Key);
        using var gone = await http.GetAsync($"/api/schedules/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        await Assertions.Expect(page.Locator($"tr[data-schedule=\"{id}\"]")).ToHaveCountAsync(0);
    }

    private async Task FillAsync(Microsoft.Playwright.IPage page, string id, string cron, string timeZone)
    {
        await page.FillAsync("#add-schedule [name=id]", id);
        await page.FillAsync("#add-schedule [name=cron]", cron);
        await page.FillAsync("#add-schedule [name=timeZone]", timeZone);
        await page.FillAsync("#add-schedule [name=objective]", "Add form <b>objective</b>");
        await page.FillAsync("#add-schedule [name=startUrl]", viewer.Site.Url("steps.html"));
        await page.FillAsync("#add-schedule [name=stepSource]", "{\"kind\": \"Model\", \"model\": {\"modelId\": \"tiny\"}}");
    }
}
