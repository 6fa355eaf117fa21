using System.Net;
using Microsoft.Playwright;
using ScribeActors.IntegrationTests.Infrastructure;

namespace ScribeActors.IntegrationTests.Viewer;

/// <summary>What the viewer must never do: run a script a stored page holds, or answer anyone without the API key.</summary>
[Collection(ViewerCollection.Name), Trait("Suite", "Integration"), Trait("Needs", "Azurite,Chromium")]
public sealed class ViewerSafetyTests(ViewerFixture viewer)
{
    private static readonly string[] Marks = ["STORED-DOM-SCRIPT-RAN", "STORED-DOM-HANDLER-RAN", "OBJECTIVE-MARKUP-RAN"];

    [Fact]
    public async Task StoredDomWithScriptAndHandler_ShownInRunPage_NeverRuns()
    {
        var console = new List<string>();
        var page = await viewer.NewPageAsync(console);
        await page.GotoAsync(viewer.Url($"/viewer/runs/{viewer.FinishedRun.Id}"));
        var frames = page.Locator("details.dom");
        await Assertions.Expect(frames).ToHaveCountAsync(12);

        // Opened one by one: Chromium puts each sandboxed frame in a renderer process of its own, and a dozen starting at
        // once on a small machine is a test of the machine. Opened by setting `open` (the toggle the page listens to),
        // not by a click: right after Playwright scrolls, Chromium can route a click to the frame that was under the
        // point before the scroll. (The run page test clicks a summary.) Each frame rendered the stored page (its
        // buttons are there), so its script and handler had their chance.
        for (var i = 0; i < 12; i++)
        {
            await frames.Nth(i).EvaluateAsync("details => { details.open = true; }");
            var frame = page.FrameLocator($"#step-{i} iframe.dom-frame");
            await Assertions.Expect(frame.Locator("button.step")).ToHaveCountAsync(11, new() { Timeout = 20_000 });
        }

        var domFrames = page.Frames.Where(f => f.Url.Contains("/steps/", StringComparison.Ordinal)).ToList();
        Assert.Equal(12, domFrames.Count);
        foreach (var frame in domFrames)
        {
            Assert.Equal(1, await frame.Locator("script").CountAsync()); // the script is in the stored DOM...
            Assert.Null(await ScriptMarkAsync(frame)); // ...and did not run
        }

        await page.WaitForTimeoutAsync(500); // a late error event of the broken image would log now
        lock (console)
        {
            Assert.DoesNotContain(console, m => Marks.Any(mark => m.Contains(mark, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task StoredDomPage_OpenedAloneInATab_NeverRuns()
    {
        var console = new List<string>();
        var page = await viewer.NewPageAsync(console);
        var response = await page.GotoAsync(viewer.Url($"/viewer/runs/{viewer.FinishedRun.Id}/steps/0/page"));

        Assert.Equal(200, response!.Status);
        Assert.Contains("sandbox", response.Headers["content-security-policy"], StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("button.step")).ToHaveCountAsync(11);
        await Assertions.Expect(page.Locator("#scribe-target")).ToHaveTextAsync("Step 1");
        Assert.Equal(1, await page.Locator("script").CountAsync());
        Assert.Null(await ScriptMarkAsync(page.MainFrame));
        await page.WaitForTimeoutAsync(500);
        lock (console)
        {
            Assert.DoesNotContain(console, m => Marks.Any(mark => m.Contains(mark, StringComparison.Ordinal)));
        }

        await ViewerFixture.SaveAsync(page, "stored-dom");
    }

    [Theory]
    [InlineData("/viewer/")]
    [InlineData("/viewer/schedules")]
    [InlineData("/viewer/runs/{run}")]
    [InlineData("/viewer/runs/{run}/steps/0/page")]
    [InlineData("/viewer/api/runs")]
    [InlineData("/viewer/api/runs/{run}")]
    [InlineData("/viewer/api/schedules")]
    [InlineData("/viewer/assets/run.js")]
    [InlineData("/api/workflows/{run}/steps/0/screenshot")]
    [InlineData("/api/workflows/{run}/steps/0/observation")]
    public async Task ViewerRoute_NoKey_Refused401(string route)
    {
        var path = route.Replace("{run}", viewer.FinishedRun.Id, StringComparison.Ordinal);
        using var http = ApiHttp.Client(viewer.Silo.WebUrl);
        using var response = await http.GetAsync(path);
        var problem = await ApiHttp.ProblemAsync(response, 401);
        Assert.Contains("API key is required", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var wrong = ApiHttp.Client(viewer.Silo.WebUrl, "wrong-key-0123456789abcdef");
        using var refused = await wrong.GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var right = ApiHttp.Client(viewer.Silo.WebUrl, ViewerFixture.Key);
        using var accepted = await right.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task RunsPage_InChromiumWithoutLogin_Refused()
    {
        var page = await viewer.NewPageAsync(loggedIn: false);
        var statuses = new List<int>();
        page.Response += (_, response) => { lock (statuses) { statuses.Add(response.Status); } };

        // Headless Chromium has no login prompt to show: it ends the navigation on the challenge.
        var refused = await Record.ExceptionAsync(() => page.GotoAsync(viewer.Url("/viewer/")));
        if (refused is not null)
        {
            Assert.Contains("ERR_INVALID_AUTH_CREDENTIALS", refused.Message, StringComparison.Ordinal);
        }

        lock (statuses)
        {
            Assert.DoesNotContain(200, statuses);
        }

        Assert.Equal(0, await page.Locator("#runs").CountAsync());
        Assert.DoesNotContain(viewer.FinishedRun.Id, await page.ContentAsync(), StringComparison.Ordinal);
        var api = await page.APIRequest.GetAsync(viewer.Url("/viewer/api/runs"));
        Assert.Equal(401, api.Status);
    }

    /// <summary>What the stored page's script or handler would have left in its window, or null. Evaluated by Playwright
    /// (DevTools), which a sandbox does not stop.</summary>
    private static async Task<string?> ScriptMarkAsync(IFrame frame) =>
        await frame.EvaluateAsync<string?>("() => window.__storedScript || window.__storedHandler || null");
}
