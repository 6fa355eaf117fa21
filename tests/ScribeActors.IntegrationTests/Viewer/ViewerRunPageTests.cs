using Microsoft.Playwright;
using ScribeActors.Abstractions;
using ScribeActors.Testing;

namespace ScribeActors.IntegrationTests.Viewer;

/// <summary>A run's page in real Chromium: the timeline of a finished replay with its screenshots and outlined DOMs,
/// live progress, the buttons, and the 404 page.</summary>
[Collection(ViewerCollection.Name), Trait("Suite", "Integration"), Trait("Needs", "Azurite,Chromium")]
public sealed class ViewerRunPageTests(ViewerFixture viewer)
{
    [Fact]
    public async Task RunPage_FinishedReplay_ShowsEveryStepWithScreenshotAndOutlinedDom()
    {
        var run = viewer.FinishedRun;
        var page = await viewer.NewPageAsync();
        var response = await page.GotoAsync(viewer.Url($"/viewer/runs/{run.Id}"));
        Assert.Equal(200, response!.Status);

        await Assertions.Expect(page.Locator("h1.objective")).ToHaveTextAsync(ViewerFixture.Objective);
        await Assertions.Expect(page.Locator("#run-header .badge")).ToHaveTextAsync("Succeeded");
        var steps = page.Locator("#steps > li.step");
        await Assertions.Expect(steps).ToHaveCountAsync(12);
        var third = steps.Nth(2);
        await Assertions.Expect(third.Locator(".action")).ToHaveTextAsync("click");
        await Assertions.Expect(third.Locator(".target")).ToHaveTextAsync($"node {run.Steps[2].Action!.NodeId}");
        await Assertions.Expect(third.Locator(".step-head .ok")).ToHaveTextAsync("ok");
        await Assertions.Expect(third.Locator(".description")).ToContainTextAsync("Click \"Step 3\"");
        await Assertions.Expect(third.Locator(".timing")).ToContainTextAsync("observe");

        // The screenshot is the stored PNG, loaded and decoded.
        var screenshot = third.Locator("img.screenshot");
        await screenshot.ScrollIntoViewIfNeededAsync();
        await Eventually.TrueAsync(async () => await screenshot.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : 0") > 0, "step 3's screenshot to load");

        // The stored DOM, in a sandboxed frame, with the clicked button outlined and anchored.
        await third.Locator("details.dom > summary").ClickAsync();
        var frameElement = third.Locator("iframe.dom-frame");
        Assert.Equal("", await frameElement.GetAttributeAsync("sandbox"));
        var frame = page.FrameLocator($"#step-2 iframe.dom-frame");
        var target = frame.Locator("#scribe-target");
        await Assertions.Expect(target).ToHaveTextAsync("Step 3");
        await Assertions.Expect(target).ToHaveCSSAsync("outline-style", "solid");
        await Assertions.Expect(frame.Locator("#count")).ToHaveTextAsync("2"); // the page as it was before the third click
        await ViewerFixture.SaveAsync(page, "run");
    }

    [Fact]
    public async Task RunPage_PausedRunResumedWithButton_StepsArriveLiveUntilSucceeded()
    {
        var started = await viewer.Silo.Client.StartAsync(viewer.Spec());
        var paused = await viewer.Silo.Client.PauseAsync(started.Id);
        Assert.Equal(WorkflowStatus.Paused, paused.Status);
        await Eventually.StableAsync(async () => (await viewer.Silo.Client.GetAsync(started.Id)).Steps.Length, 5, "the paused run to stop taking steps");

        var page = await viewer.NewPageAsync();
        await page.GotoAsync(viewer.Url($"/viewer/runs/{started.Id}"));
        await Assertions.Expect(page.Locator("#run-header .badge")).ToHaveTextAsync("Paused");
        var before = await page.Locator("#steps > li.step").CountAsync();
        Assert.True(before < 12, $"the run had already taken {before} steps");
        Assert.True(await page.Locator("#btn-pause").IsDisabledAsync());
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");
        await ViewerFixture.SaveAsync(page, "run-paused");

        await page.ClickAsync("#btn-resume");
        await Assertions.Expect(page.Locator("#steps > li.step")).ToHaveCountAsync(12, new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#run-header .badge")).ToHaveTextAsync("Succeeded", new() { Timeout = 10_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page reloaded instead of updating");
        Assert.Equal(WorkflowStatus.Succeeded, (await viewer.Silo.Client.GetAsync(started.Id)).Status);
        await Assertions.Expect(page.Locator("#btn-cancel")).ToBeDisabledAsync();
    }

    [Fact]
    public async Task RunPage_CancelButton_CancelsTheRunningRun()
    {
        var stuck = await viewer.Silo.Client.StartAsync(viewer.StuckSpec());
        var page = await viewer.NewPageAsync();
        await page.GotoAsync(viewer.Url($"/viewer/runs/{stuck.Id}"));
        await Assertions.Expect(page.Locator("#btn-cancel")).ToBeEnabledAsync();

        await page.ClickAsync("#btn-cancel");
        await Assertions.Expect(page.Locator("#run-header .badge")).ToHaveTextAsync("Cancelled");
        await Assertions.Expect(page.Locator("#failure")).ToContainTextAsync("cancelled in the run viewer");
        var snapshot = await viewer.Silo.Client.GetAsync(stuck.Id);
        Assert.Equal(WorkflowStatus.Cancelled, snapshot.Status);
        Assert.Contains("cancelled in the run viewer", snapshot.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunPage_RunAgainButton_StartsANewRunWithTheSameSpec()
    {
        var page = await viewer.NewPageAsync();
        await page.GotoAsync(viewer.Url($"/viewer/runs/{viewer.FinishedRun.Id}"));
        await page.ClickAsync("#btn-run-again");
        await page.WaitForURLAsync(url => url.Contains("/viewer/runs/wf-", StringComparison.Ordinal) && !url.EndsWith(viewer.FinishedRun.Id, StringComparison.Ordinal));

        var newId = Uri.UnescapeDataString(new Uri(page.Url).Segments[^1]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var final = await viewer.Silo.Client.WaitForCompletionAsync(newId, timeout.Token);
        Assert.Equal(WorkflowStatus.Succeeded, final.Status);
        Assert.Equal(viewer.FinishedRun.Spec.Objective, final.Spec.Objective);
        Assert.Equal(viewer.FinishedRun.Spec.StepSource.Replay!.Steps.Length, final.Spec.StepSource.Replay!.Steps.Length);
        await Assertions.Expect(page.Locator("#run-header .badge")).ToHaveTextAsync("Succeeded");
    }

    [Fact]
    public async Task RunPage_UnknownId_Answers404PageNamingTheId()
    {
        var page = await viewer.NewPageAsync();
        var response = await page.GotoAsync(viewer.Url("/viewer/runs/no-such-run-42"));

        Assert.Equal(404, response!.Status);
        Assert.StartsWith("text/html", response.Headers["content-type"], StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("no run with id no-such-run-42");
        Assert.DoesNotContain("Exception", await page.ContentAsync(), StringComparison.Ordinal);
        await ViewerFixture.SaveAsync(page, "run-not-found");
    }
}
