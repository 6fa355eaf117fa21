using System.Diagnostics;
using Microsoft.Playwright;
using ScribeActors.Abstractions;
using ScribeActors.DemoSites.Tasks;

namespace ScribeActors.Bench;

/// <summary>
/// The same recorded workflow through ScribeActors (durable workflow grain, browser-session grain, observation with node
/// ids, Azurite persistence before and after every action, storage-state checkpoints) vs a bare Playwright script doing
/// the same actions with the expert selectors on the same demo site, alternating runs.
/// </summary>
internal static class OverheadBenchmark
{
    private const string TaskId = "supplier.dispute-invoice";

    public static async Task<object> RunAsync(int runs)
    {
        await using var world = await BenchWorld.StartAsync();
        var task = world.Task(TaskId);
        var recording = await world.RecordAsync(task);
        var actionSteps = task.Script.Count(s => s.Action != StepActions.Finish);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BenchBrowser.LaunchAsync(playwright);

        // Warm both paths once (JIT, first context), untimed.
        await BareRunAsync(browser, world, task);
        await ScribeRunAsync(world, task, recording);

        var bare = new List<double>();
        var scribe = new List<double>();
        var bareByStep = Enumerable.Range(0, actionSteps).Select(_ => new List<double>()).ToArray();
        var scribeByStep = Enumerable.Range(0, actionSteps).Select(_ => new List<double>()).ToArray();
        var overhead = new List<double>();
        double bareTotal = 0, scribeTotal = 0;
        var phases = new List<(double Observe, double Decide, double Execute)>();
        var persistByStep = Enumerable.Range(0, actionSteps).Select(_ => new List<double>()).ToArray();
        var executeByStep = Enumerable.Range(0, actionSteps).Select(_ => new List<double>()).ToArray();
        var intent = new List<double>();
        var rest = new List<double>();
        var between = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var b = await BareRunAsync(browser, world, task);
            var (s, snapshot) = await ScribeRunAsync(world, task, recording);
            if (b.Count != actionSteps || s.Count != actionSteps)
            {
                throw new InvalidOperationException($"Run {run}: expected {actionSteps} steps, bare {b.Count}, scribe {s.Count} ({snapshot.Status}: {snapshot.FailureReason}).");
            }

            bare.AddRange(b);
            scribe.AddRange(s);
            for (var i = 0; i < actionSteps; i++)
            {
                bareByStep[i].Add(b[i]);
                scribeByStep[i].Add(s[i]);
            }

            overhead.AddRange(s.Zip(b, (x, y) => x - y));
            bareTotal += b.Sum();
            scribeTotal += s.Sum();
            var acted = snapshot.Steps.Where(x => x.Action is not null && x.FinishedAt is not null).ToList();
            phases.AddRange(acted.Select(x => (x.ObserveMs, x.DecideMs, x.ExecuteMs)));
            for (var i = 0; i < actionSteps; i++)
            {
                persistByStep[i].Add(acted[i].PersistMs);
                executeByStep[i].Add(acted[i].ExecuteMs);
            }

            intent.AddRange(acted.Select(x => x.PersistMs));
            rest.AddRange(acted.Select(x => (x.FinishedAt!.Value - x.StartedAt).TotalMilliseconds - x.ObserveMs - x.DecideMs - x.PersistMs - x.ExecuteMs));
            between.AddRange(acted.Skip(1).Zip(acted, (next, previous) => (next.StartedAt - previous.FinishedAt!.Value).TotalMilliseconds));
            Stats.Log($"overhead run {run + 1}/{runs}: bare {b.Sum():F0} ms, scribe {s.Sum():F0} ms");
        }

        // Paired differences carry the noise of two independent page loads; the per-step median difference does not.
        var medianOverhead = Enumerable.Range(0, actionSteps)
            .Select(i => Stats.Percentile(scribeByStep[i], 50) - Stats.Percentile(bareByStep[i], 50)).ToList();
        var bareRate = bare.Count / (bareTotal / 1000);
        var scribeRate = scribe.Count / (scribeTotal / 1000);
        return new
        {
            task = TaskId,
            runs,
            stepsPerRun = actionSteps,
            bareStepsPerSecond = Math.Round(bareRate, 2),
            scribeStepsPerSecond = Math.Round(scribeRate, 2),
            ratio = Math.Round(scribeRate / bareRate, 3),
            // The same ratio over the typical run (sum of per-step medians): less swayed by a few slow page loads.
            ratioOfStepMedians = Math.Round(
                Enumerable.Range(0, actionSteps).Sum(i => Stats.Percentile(bareByStep[i], 50)) / Enumerable.Range(0, actionSteps).Sum(i => Stats.Percentile(scribeByStep[i], 50)), 3),
            target = new { ratio = 0.9, p95OverheadMs = 50 },
            stepMs = new
            {
                bare = new { p50 = Stats.Percentile(bare, 50), p95 = Stats.Percentile(bare, 95) },
                scribe = new { p50 = Stats.Percentile(scribe, 50), p95 = Stats.Percentile(scribe, 95) },
            },
            overheadPerStepMs = new { p50 = Stats.Percentile(overhead, 50), p95 = Stats.Percentile(overhead, 95), mean = Math.Round(overhead.Average(), 2) },
            overheadOfStepMediansMs = new { p50 = Stats.Percentile(medianOverhead, 50), p95 = Stats.Percentile(medianOverhead, 95), max = Math.Round(medianOverhead.Max(), 2) },
            byStep = Enumerable.Range(0, actionSteps).Select(i => new
            {
                step = i + 1,
                action = task.Script.Where(s => s.Action != StepActions.Finish).ElementAt(i).Action,
                bareMedianMs = Stats.Percentile(bareByStep[i], 50),
                scribeMedianMs = Stats.Percentile(scribeByStep[i], 50),
                scribeIntentWriteMedianMs = Stats.Percentile(persistByStep[i], 50),
                scribeExecuteMedianMs = Stats.Percentile(executeByStep[i], 50),
            }).ToList(),
            scribePhaseMeansMs = new
            {
                observe = Math.Round(phases.Average(p => p.Observe), 2),
                decide = Math.Round(phases.Average(p => p.Decide), 2),
                execute = Math.Round(phases.Average(p => p.Execute), 2),
                intentWrite = Math.Round(intent.Average(), 2),
                parsePrepareAndArtifacts = Math.Round(rest.Average(), 2),
                outcomeWriteAndLoop = Math.Round(between.Average(), 2),
            },
            definition = "bare step = one Playwright action on the expert selector plus waiting for the load state; scribe step = time between consecutive step completions of the workflow (locate the target in the page the previous action returned, or observe on the first step + write the intent while the session probes the target + act, settle, checkpoint and capture the next page); overhead = scribe step - bare step, paired by run and step index; phases: observe (first step only), decide, intentWrite, execute (includes the next capture), parsePrepareAndArtifacts (DOM parse, waiting for the probe beyond the write, artefact upload)",
        };
    }

    private static async Task<List<double>> BareRunAsync(IBrowser browser, BenchWorld world, DemoTask task)
    {
        await world.SiteClient.ResetAsync(world.Seed);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(task.StartUrl, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        var times = new List<double>();
        foreach (var step in task.Script.Where(s => s.Action != StepActions.Finish))
        {
            var clock = Stopwatch.StartNew();
            var target = page.Locator(step.Selector!).First;
            switch (step.Action)
            {
                case StepActions.Click:
                    await target.ClickAsync();
                    break;
                case StepActions.Type:
                    await target.FillAsync(step.Value ?? "");
                    break;
                case StepActions.SelectOption:
                    await target.SelectOptionAsync(new SelectOptionValue { Label = step.Value });
                    break;
                case StepActions.KeyCombination:
                    await target.PressAsync(step.Value!);
                    break;
                default:
                    throw new InvalidOperationException($"The bare script does not know {step.Action}.");
            }

            await page.WaitForLoadStateAsync(LoadState.Load);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    private static async Task<(List<double> Steps, WorkflowSnapshot Snapshot)> ScribeRunAsync(BenchWorld world, DemoTask task, RecordedWorkflow recording)
    {
        await world.SiteClient.ResetAsync(world.Seed);
        var started = await world.Client.StartAsync(world.Spec(task, recording));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var final = await world.Client.WaitForCompletionAsync(started.Id, timeout.Token);
        var acted = final.Steps.Where(s => s.Action is not null && s.FinishedAt is not null).ToList();
        var times = new List<double>();
        for (var i = 0; i < acted.Count; i++)
        {
            var from = i == 0 ? acted[0].StartedAt : acted[i - 1].FinishedAt!.Value;
            times.Add((acted[i].FinishedAt!.Value - from).TotalMilliseconds);
        }

        return (times, final);
    }
}
