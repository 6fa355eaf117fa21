using System.Text.Json;
using Microsoft.Playwright;
using ScribeActors.Abstractions;

namespace ScribeActors.Bench;

/// <summary>
/// The run viewer's two targets (issue 13), in real Chromium against an embedded silo with an API key and screenshots
/// on. Live: the run page is opened as a replay of the demo's dispute task starts, and for every step that finished
/// after the page first drew, the time from the step's recorded finish (the workflow's clock) to the moment its row
/// shows it done (a mutation observer in the page, on the same machine's clock). Load: the finished run's page reloaded
/// in one logged-in page, timed by the page's Navigation Timing (load event, timeline drawn, the server's share).
/// </summary>
internal static class ViewerBenchmark
{
    private const string TaskId = "supplier.dispute-invoice";
    private const string Key = "bench-viewer-key-0123456789abcdef";
    private const int Warmup = 3;

    // Records, in every document, when each step row first shows the step done, and when rows first appeared.
    private const string Observer = """
        (() => {
          const now = () => performance.timeOrigin + performance.now();
          window.__scribeDone = {};
          const scan = () => {
            const rows = document.querySelectorAll('li.step');
            if (rows.length && window.__scribeFirstDraw === undefined) window.__scribeFirstDraw = now();
            for (const row of document.querySelectorAll('li.step.phase-done')) {
              const index = row.getAttribute('data-step');
              if (!(index in window.__scribeDone)) window.__scribeDone[index] = now();
            }
          };
          new MutationObserver(scan).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
        })();
        """;

    public static async Task<object> RunAsync(int runs, int loads)
    {
        await using var world = await BenchWorld.StartAsync(extra: new Dictionary<string, string?>
        {
            ["Scribe:Auth:ApiKeys"] = Key,
            ["Scribe:Workflow:CaptureScreenshots"] = "true",
        });
        var task = world.Task(TaskId);
        var recording = await world.RecordAsync(task);
        var spec = world.Spec(task, recording);
        var web = world.WebUrl;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BenchBrowser.LaunchAsync(playwright);

        var latencies = new List<double>();
        var before = 0;
        WorkflowSnapshot? finished = null;
        for (var run = 0; run < runs; run++)
        {
            await world.SiteClient.ResetAsync(world.Seed);
            await using var context = await LoggedInAsync(browser);
            var page = await context.NewPageAsync();
            await page.AddInitScriptAsync(Observer);
            var id = (await world.Client.StartAsync(spec)).Id;
            await page.GotoAsync($"{web}viewer/runs/{Uri.EscapeDataString(id)}");
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            finished = await world.Client.WaitForCompletionAsync(id, timeout.Token);
            if (finished.Status != WorkflowStatus.Succeeded)
            {
                throw new InvalidOperationException($"Run {id} ended {finished.Status}: {finished.FailureReason}");
            }

            await page.WaitForFunctionAsync("n => Object.keys(window.__scribeDone).length >= n", finished.Steps.Length, new PageWaitForFunctionOptions { Timeout = 30_000 });
            var seen = await page.EvaluateAsync<Dictionary<string, double>>("() => window.__scribeDone");
            var firstDraw = await page.EvaluateAsync<double>("() => window.__scribeFirstDraw");
            var runLatencies = new List<double>();
            foreach (var step in finished.Steps)
            {
                var done = step.FinishedAt!.Value.ToUnixTimeMilliseconds();
                if (done <= firstDraw)
                {
                    before++; // finished before the page was up: drawn with the page, not updated live
                    continue;
                }

                runLatencies.Add(seen[step.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)] - done);
            }

            latencies.AddRange(runLatencies);
            Stats.Log($"viewer live run {run + 1}/{runs}: {finished.Steps.Length} steps, {runLatencies.Count} seen live, max {(runLatencies.Count > 0 ? runLatencies.Max() : 0):F0} ms");
        }

        // Load: one logged-in page (the login goes with every request, as a browser sends it once logged in) reloads the
        // finished run's page; Navigation Timing gives DOMContentLoaded (the timeline is drawn by then: the page's scripts
        // are deferred), the load event (the screenshots in view loaded too) and the server's share.
        var load = new List<double>();
        var drawn = new List<double>();
        var server = new List<double>();
        var steps = finished!.Steps.Length;
        await using (var context = await LoggedInAsync(browser))
        {
            var page = await context.NewPageAsync();
            for (var i = 0; i < Warmup + loads; i++)
            {
                await page.GotoAsync($"{web}viewer/runs/{Uri.EscapeDataString(finished.Id)}", new PageGotoOptions { WaitUntil = WaitUntilState.Load });
                var rows = await page.Locator("#steps > li.step").CountAsync();
                if (rows != steps)
                {
                    throw new InvalidOperationException($"The run page shows {rows} steps of {steps}.");
                }

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
        }

        Stats.Log($"viewer load of a {steps}-step run: load event p50 {Stats.Percentile(load, 50):F0} ms, timeline drawn p50 {Stats.Percentile(drawn, 50):F0} ms");
        return new
        {
            task = TaskId,
            runs,
            stepsPerRun = steps,
            liveUpdateMs = new
            {
                count = latencies.Count,
                finishedBeforeThePageDrew = before,
                p50 = Stats.Percentile(latencies, 50),
                p95 = Stats.Percentile(latencies, 95),
                max = latencies.Count > 0 ? latencies.Max() : 0,
                target = "<= 1000",
            },
            runPageLoadMs = new
            {
                loads,
                p50 = Stats.Percentile(load, 50),
                p95 = Stats.Percentile(load, 95),
                max = load.Max(),
                target = "<= 300",
            },
            timelineDrawnMs = new { p50 = Stats.Percentile(drawn, 50), p95 = Stats.Percentile(drawn, 95) },
            serverMs = new { p50 = Stats.Percentile(server, 50), max = server.Max() },
            note = "live: step's recorded finish (workflow clock) to its row drawn done (page clock, same machine), steps that finished after the page first drew; load: one logged-in page reloading the finished run's page (screenshots on) after 3 warm-up loads, Navigation Timing: load event, DOMContentLoaded (timeline drawn), request to response end (server)",
        };
    }

    private static Task<IBrowserContext> LoggedInAsync(IBrowser browser) => browser.NewContextAsync(new BrowserNewContextOptions
    {
        ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("operator:" + Key)) },
        ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
    });
}
