using System.Diagnostics;
using Microsoft.Playwright;
using ScribeActors.Abstractions;
using ScribeActors.Browser;

namespace ScribeActors.Bench;

/// <summary>
/// Workflow start to the first action performed (issue 11: at most 1.3× the bare script), alternating with a bare
/// Playwright script that opens a context, loads the same start page and captures it with node ids (the session's own
/// capture script), on the same Chromium build and demo site. The workflow's time runs from the client's start call to
/// the first step's recorded finish (the silo runs in this process, so both read one clock): the start write, the
/// reminder, the index entry, opening the session (context, page, guard, first load, checkpoint), the first observation,
/// the decision, the intent write and the first action, up to the moment the session reports the action done and the
/// page settled (<see cref="ActionResult.PerformedAt"/>). The step's recorded finish comes later (the observation after
/// the action, with its screenshot, and the checkpoint): reported beside it, not the target's end point. A third arm,
/// the floor, is the bare script plus that first action done the plainest way (Playwright's fill of the same field):
/// the work the target asks for with nothing of ScribeActors around it. ScribeActors runs twice, on two silos of this
/// process: as configured by default (a warm browser context ready, <see cref="BrowserOptions.WarmContexts"/> = 1) and
/// with none (every session creates its context, as the bare script does); each workflow runs several seconds, so the
/// warm silo has made its next context long before the next arm starts.
/// </summary>
internal static class StartupBenchmark
{
    private const string TaskId = "supplier.download-invoice";

    public static async Task<object> RunAsync(int runs)
    {
        await using var world = await BenchWorld.StartAsync();
        await using var coldWorld = await BenchWorld.StartAsync(extra: new Dictionary<string, string?> { ["Scribe:Browser:WarmContexts"] = "0" });
        var task = world.Task(TaskId);
        var recording = await world.RecordAsync(task);
        var spec = world.Spec(task, recording);
        var coldTask = coldWorld.Task(TaskId);
        var coldSpec = coldWorld.Spec(coldTask, await coldWorld.RecordAsync(coldTask));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BenchBrowser.LaunchAsync(playwright);

        var recordedFirst = recording.Steps[0];
        if (recordedFirst.Action is not ("type" or "keyboard_sequence_action") || recordedFirst.Target is null)
        {
            throw new InvalidOperationException($"The floor arm types the first step's text; {TaskId}'s first step is '{recordedFirst.Action}'.");
        }

        var firstAction = (Selector: "input[name=\"username\"]", Text: recordedFirst.Target);
        await BareAsync(browser, task.StartUrl, null);
        await BareAsync(browser, task.StartUrl, firstAction);
        await ScribeAsync(world, spec);
        await WarmAgainAsync(world);
        await ScribeAsync(coldWorld, coldSpec);
        var cold = new List<double>();
        var bare = new List<double>();
        var floor = new List<double>();
        var scribe = new List<double>();
        var recorded = new List<double>();
        var phases = new List<(double Open, double Decide, double Intent, double Perform, double Act)>();
        for (var run = 0; run < runs; run++)
        {
            bare.Add(await BareAsync(browser, task.StartUrl, null));
            floor.Add(await BareAsync(browser, task.StartUrl, firstAction));
            var (ms, finishedMs, first, created, opened) = await ScribeAsync(world, spec);
            await WarmAgainAsync(world); // not beside the next arm
            scribe.Add(ms);
            recorded.Add(finishedMs);
            phases.Add(((opened - created).TotalMilliseconds, first.DecideMs, first.PersistMs, first.Outcome!.Duration.TotalMilliseconds, first.ExecuteMs));
            cold.Add((await ScribeAsync(coldWorld, coldSpec)).Ms);
            Stats.Log($"startup run {run + 1}/{runs}: bare {bare[^1]:F0} ms, floor {floor[^1]:F0} ms, scribe {ms:F0} ms (recorded finish {finishedMs:F0} ms), scribe without a warm context {cold[^1]:F0} ms");
        }

        // What the warm context costs while no session is open: both silos' Chromium, idle, read the same way.
        await Task.Delay(2000);
        var idleWarm = await world.Browsers.GetStatsAsync();
        var idleCold = await coldWorld.Browsers.GetStatsAsync();
        var ratio = Stats.Percentile(scribe, 50) / Stats.Percentile(bare, 50);
        return new
        {
            task = TaskId,
            runs,
            bareMs = new { p50 = Stats.Percentile(bare, 50), p95 = Stats.Percentile(bare, 95) },
            scribeMs = new { p50 = Stats.Percentile(scribe, 50), p95 = Stats.Percentile(scribe, 95) },
            scribeToRecordedFinishMs = new { p50 = Stats.Percentile(recorded, 50), p95 = Stats.Percentile(recorded, 95) },
            floorMs = new { p50 = Stats.Percentile(floor, 50), p95 = Stats.Percentile(floor, 95) },
            ratioOfMedians = Math.Round(ratio, 3),
            target = "<= 1.3",
            scribeWithoutWarmContextMs = new { p50 = Stats.Percentile(cold, 50), p95 = Stats.Percentile(cold, 95) },
            idleBrowser = new
            {
                withWarmContext = new { idleWarm.WarmContexts, idleWarm.Renderers, idleWarm.Processes, memoryMB = idleWarm.MemoryBytes / (1024 * 1024) },
                withoutWarmContext = new { idleCold.WarmContexts, idleCold.Renderers, idleCold.Processes, memoryMB = idleCold.MemoryBytes / (1024 * 1024) },
            },
            withoutWarmContextRatioOfMedians = Math.Round(Stats.Percentile(cold, 50) / Stats.Percentile(bare, 50), 3),
            floorRatioOfMedians = Math.Round(Stats.Percentile(floor, 50) / Stats.Percentile(bare, 50), 3),
            scribeOverFloor = Math.Round(Stats.Percentile(scribe, 50) / Stats.Percentile(floor, 50), 3),
            recordedFinishRatioOfMedians = Math.Round(Stats.Percentile(recorded, 50) / Stats.Percentile(bare, 50), 3),
            scribePhasesMsP50 = new
            {
                startToFirstObservation = Stats.Percentile(phases.Select(p => p.Open).ToList(), 50),
                decide = Stats.Percentile(phases.Select(p => p.Decide).ToList(), 50),
                intentWrite = Stats.Percentile(phases.Select(p => p.Intent).ToList(), 50),
                actionInTheSession = Stats.Percentile(phases.Select(p => p.Perform).ToList(), 50),
                executeCallWithNextObservation = Stats.Percentile(phases.Select(p => p.Act).ToList(), 50),
            },
            note = "bare: new context, page, DevTools session, load, capture with node ids; floor: bare + fill of the first step's field; scribe: start call to the first action performed (the session's PerformedAt), the silo's defaults (one warm browser context); scribeWithoutWarmContext: the same on a silo with Scribe:Browser:WarmContexts = 0; scribeToRecordedFinish: to the first step's recorded finish, after the next observation and checkpoint",
        };
    }

    /// <summary>Waits until the default silo has made its next warm context (a second after its session opened), so
    /// that work never runs beside another arm.</summary>
    private static async Task WarmAgainAsync(BenchWorld world)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await world.Browsers.GetStatsAsync()).WarmContexts < 1)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("The default silo made no warm browser context within 30 s.");
            }

            await Task.Delay(50);
        }

        await Task.Delay(200);
    }

    private static async Task<double> BareAsync(IBrowser browser, string url, (string Selector, string Text)? firstAction)
    {
        var clock = Stopwatch.StartNew();
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        var devTools = await context.NewCDPSessionAsync(page);
        await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        var capture = await PlaywrightBrowserSession.EvaluateInPageAsync(devTools, BrowserScripts.Capture, "1");
        if (capture.ValueKind == System.Text.Json.JsonValueKind.Undefined)
        {
            throw new InvalidOperationException("The capture returned nothing.");
        }

        if (firstAction is { } act)
        {
            await page.FillAsync(act.Selector, act.Text);
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<(double Ms, double FinishedMs, StepRecord First, DateTimeOffset Created, DateTimeOffset FirstObservation)> ScribeAsync(BenchWorld world, WorkflowSpec spec)
    {
        await world.SiteClient.ResetAsync(world.Seed);
        var started = DateTimeOffset.UtcNow;
        var id = (await world.Client.StartAsync(spec)).Id;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var final = await world.Client.WaitForCompletionAsync(id, timeout.Token);
        if (final.Status != WorkflowStatus.Succeeded || final.Steps.Length == 0 || final.Steps[0].FinishedAt is not { } finished
            || final.Steps[0].Outcome?.PerformedAt is not { } performed)
        {
            throw new InvalidOperationException($"The workflow ended {final.Status}: {final.FailureReason}");
        }

        var first = final.Steps[0];
        return ((performed - started).TotalMilliseconds, (finished - started).TotalMilliseconds, first, final.CreatedAt, first.StartedAt);
    }
}
