using ScribeActors.Abstractions;
using ScribeActors.Agent;
using ScribeActors.Agent.Pruning;
using ScribeActors.Agent.Recording;
using ScribeActors.Browser;
using ScribeActors.DemoSites;
using ScribeActors.DemoSites.Tasks;
using ScribeActors.Testing;

namespace ScribeActors.Bench;

/// <summary>
/// Gold-target survival (<see cref="GoldTargetSurvival"/>) over the demo tasks' expert steps: every task's script is
/// walked by the recorder in headless Chromium on freshly seeded sites; each step's observation and gold node are kept,
/// then pruned in both observations and fitted by the interactive-first fitter at each budget. Needs Chromium.
/// </summary>
internal static class SurvivalBenchmark
{
    private static readonly int[] Budgets = [300, 400, 600, 1000, 2000];

    public static async Task<object> RunAsync(int firstSeed, int seeds)
    {
        var counter = new CachingTokenCounter(ApproximateTokenCounter.Instance);
        var steps = new List<(string Task, int Seed, int Step, string Url, string Dom, int Gold, string Objective)>();
        using var http = new HttpClient();
        await using var browsers = DemoSecrets.BrowserHost();
        for (var seed = firstSeed; seed < firstSeed + seeds; seed++)
        {
            await using var sites = await DemoSitesApp.StartAsync("http://127.0.0.1:0", seed);
            var client = new DemoSitesClient(http, sites.BaseUrl);
            foreach (var task in DemoTaskCatalog.Create(sites.BaseUrl, seed))
            {
                await client.ResetAsync(seed);
                await using var session = await browsers.OpenSessionAsync(new BrowserSessionOptions { AllowedHosts = [HostPattern.Of(sites.BaseUrl)] });
                var opened = await session.ExecuteAsync(BrowserAction.Goto(task.StartUrl));
                if (!opened.Succeeded)
                {
                    throw new InvalidOperationException($"survival: could not open {task.StartUrl} for {task.Id} (seed {seed}): {opened.Failure}: {opened.Message}");
                }

                var s = seed;
                var probe = new ObservingBrowser(session, resolved: (step, observation, node) => steps.Add((task.Id, s, step, observation.Url, observation.Dom, node, task.Objective)));
                await WorkflowRecorder.RecordAsync(probe, task.Objective, task.StartUrl, task.Script, $"bench:survival:{task.Id}");
            }

            Stats.Log($"survival: seed {seed}: {steps.Count} steps so far");
        }

        if (steps.Count == 0)
        {
            throw new InvalidOperationException("survival: no demo task step with a selector was observed.");
        }

        var fitter = new InteractiveFirstFitter();
        if (Environment.GetEnvironmentVariable("SCRIBE_SURVIVAL_DUMP") is { Length: > 0 } dump)
        {
            // Debugging aid: the observations of the lost steps, to read what the fitter kept.
            Directory.CreateDirectory(dump);
            foreach (var (x, i) in steps.Select((x, i) => (x, i)))
            {
                var pruned = HtmlPruner.Prune(x.Dom, new PruneOptions { TokenCounter = counter });
                foreach (var budget in Budgets.Where(b => GoldTargetSurvival.Check(pruned, x.Gold, b, fitter, counter, x.Objective) == TargetFate.FittedOut))
                {
                    await File.WriteAllTextAsync(Path.Combine(dump, $"{i}-{x.Task}-{x.Step}-{budget}.txt"),
                        $"gold {x.Gold}\n{pruned.Html}\n\n{fitter.Fit(pruned, budget, counter, x.Objective).Html}\n");
                }
            }
        }

        var variants = new List<object>();
        foreach (var variant in new[] { ObservationVariant.Project, ObservationVariant.Reference })
        {
            var options = new PruneOptions { Variant = variant, TokenCounter = counter };
            var pruned = steps.Select(x => (Dom: HtmlPruner.Prune(x.Dom, options), x.Gold, Objective: (string?)x.Objective)).ToArray();
            var rates = GoldTargetSurvival.Rates(pruned, Budgets, fitter, counter);
            var blind = GoldTargetSurvival.Rates([.. pruned.Select(p => p with { Objective = null })], Budgets, fitter, counter);
            var lost = new List<object>();
            foreach (var budget in Budgets)
            {
                Stats.Log($"survival: {variant} at {budget}: {rates.Single(r => r.Budget == budget).Rate:P2} with the objective, {blind.Single(r => r.Budget == budget).Rate:P2} without");
                lost.AddRange(steps.Zip(pruned).Where(x => GoldTargetSurvival.Check(x.Second.Dom, x.Second.Gold, budget, fitter, counter, x.Second.Objective) != TargetFate.Kept)
                    .GroupBy(x => (x.First.Task, x.First.Step)).Select(g => g.First())
                    .Select(x => (object)new { budget, task = x.First.Task, x.First.Seed, x.First.Step, x.First.Url, gold = x.Second.Dom.TargetTag(x.Second.Gold) })
                    .Take(10));
            }

            var tokens = pruned.Select(p => (double)counter.CountTokens(p.Dom.Html)).ToArray();
            variants.Add(new
            {
                variant = variant.ToString(),
                prunedPageTokens = new { median = Stats.Percentile(tokens, 50), p90 = Stats.Percentile(tokens, 90), max = tokens.Max() },
                rates = rates.Select(r => new { r.Budget, r.Steps, r.Kept, r.PrunedAway, r.FittedOut, rate = Math.Round(r.Rate, 4) }),
                ratesWithoutObjective = blind.Select(r => new { r.Budget, r.Kept, rate = Math.Round(r.Rate, 4) }),
                lostExamples = lost,
            });
        }

        return new
        {
            counter = counter.Name,
            fitter = fitter.Name,
            seeds = $"{firstSeed}..{firstSeed + seeds - 1}",
            tasks = steps.Select(x => x.Task).Distinct().Count(),
            steps = steps.Count,
            goldTags = steps.Select(x => ActionMapper.TagName(HtmlPruner.Prune(x.Dom, PruneOptions.Reference).TargetTag(x.Gold)) ?? "(none)")
                .GroupBy(t => t).OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count()),
            variants,
        };
    }
}
