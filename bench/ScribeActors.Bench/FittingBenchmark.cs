using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
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
/// Token-budget fitting on real observations of the demo sites: every demo task's expert script is walked (by the
/// recorder) in headless Chromium for seeds 1..3; before each step with a selector the observation is pruned and the
/// step's gold node id becomes one <see cref="FitSample"/> per budget. Needs Chromium, not Azurite.
/// </summary>
internal static class FittingBenchmark
{
    private static readonly int[] Seeds = [1, 2, 3];
    private static readonly int[] Budgets = [256, 512, 1024, 2048, 4096];

    public static async Task<object> RunAsync()
    {
        var counter = new CachingTokenCounter(ApproximateTokenCounter.Instance);
        var options = new PruneOptions { TokenCounter = counter };
        var observed = new List<ObservedStep>();
        using var http = new HttpClient();
        await using var browsers = DemoSecrets.BrowserHost();
        foreach (var seed in Seeds)
        {
            await using var sites = await DemoSitesApp.StartAsync("http://127.0.0.1:0", seed);
            var client = new DemoSitesClient(http, sites.BaseUrl);
            foreach (var task in DemoTaskCatalog.Create(sites.BaseUrl, seed))
            {
                await client.ResetAsync(seed);
                var before = observed.Count;
                await using (var session = await browsers.OpenSessionAsync(new BrowserSessionOptions { AllowedHosts = [HostPattern.Of(sites.BaseUrl)] }))
                {
                    var opened = await session.ExecuteAsync(BrowserAction.Goto(task.StartUrl));
                    if (!opened.Succeeded)
                    {
                        throw new InvalidOperationException($"fitting: could not open {task.StartUrl} for {task.Id} (seed {seed}): {opened.Failure}: {opened.Message}");
                    }

                    // The recorder walks the script (selector → node id, ScriptedStep → BrowserAction, execute); the
                    // probe sees each observation and each resolved gold node on the way.
                    var probe = new ObservingBrowser(session, resolved: (step, observation, node) => observed.Add(Sample(task.Id, seed, step, observation, node, options, counter)));
                    await WorkflowRecorder.RecordAsync(probe, task.Objective, task.StartUrl, task.Script, $"bench:fitting:{task.Id}");
                }

                Stats.Log($"fitting: seed {seed} {task.Id}: {observed.Count - before} steps observed");
            }

            await client.ResetAsync(seed);
        }

        if (observed.Count == 0)
        {
            throw new InvalidOperationException("fitting: no samples were collected: no demo task step with a selector was observed.");
        }

        var answerable = observed.Where(o => o.Answerable).ToArray();
        if (answerable.Length == 0)
        {
            throw new InvalidOperationException($"fitting: all {observed.Count} gold targets were pruned away by the pruner; nothing left to fit.");
        }

        var fitters = new IDomFitter[] { new TailFitter(), new InteractiveFirstFitter() };
        foreach (var fitter in fitters)
        {
            // Warm-up (JIT, token cache) so the first budget's ms per fit is not skewed.
            FitEvaluation.Evaluate(fitter, answerable.Select(o => new FitSample(o.Pruned, o.GoldNode, Budgets[0])), counter);
        }

        var results = new List<object>();
        foreach (var budget in Budgets)
        {
            var samples = answerable.Select(o => new FitSample(o.Pruned, o.GoldNode, budget)).ToArray();
            var fitsWhole = answerable.Count(o => o.PageTokens <= budget);
            foreach (var fitter in fitters)
            {
                var report = FitEvaluation.Evaluate(fitter, samples, counter);

                // A separate, untimed pass: which gold tags this fitter cut away.
                var lostByTag = answerable.Where(o => !fitter.Fit(o.Pruned, budget, counter).NodeIds.Contains(o.GoldNode))
                    .GroupBy(o => o.TagName).OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count());
                Stats.Log($"fitting: {fitter.Name} at {budget} tokens: target kept {report.TargetKeptRate:P1}");
                results.Add(new
                {
                    budget,
                    fitter = report.Fitter,
                    samples = report.Samples,
                    pagesFittingWhole = fitsWhole,
                    targetKept = report.TargetKept,
                    targetKeptRate = Math.Round(report.TargetKeptRate, 4),
                    targetKeptRateInclPrunerLoss = Math.Round((double)report.TargetKept / observed.Count, 4),

                    // Only the samples whose page had to be cut (a page that fits whole always keeps its target).
                    targetKeptRateWhenCut = fitsWhole == samples.Length ? (double?)null : Math.Round((double)(report.TargetKept - fitsWhole) / (samples.Length - fitsWhole), 4),
                    lostByTag,
                    meanTokens = Math.Round(report.MeanTokens, 1),
                    meanBudgetUse = Math.Round(report.MeanBudgetUse, 3),
                    meanMs = Math.Round(report.MeanMilliseconds, 3),
                    truncated = report.Truncated,
                    overBudget = report.OverBudget,
                });
            }
        }

        var tokens = observed.Select(o => (double)o.PageTokens).ToArray();
        var lost = observed.Where(o => !o.Answerable).ToArray();
        return new
        {
            counter = counter.Name,
            seeds = Seeds,
            tasks = observed.Select(o => o.TaskId).Distinct().Count(),
            samples = observed.Count,
            distinctPages = observed.Select(o => o.Pruned.Html).Distinct(StringComparer.Ordinal).Count(),
            prunedPageTokens = new { min = tokens.Min(), median = Stats.Percentile(tokens, 50), p90 = Stats.Percentile(tokens, 90), max = tokens.Max() },
            rawDomChars = new { min = observed.Min(o => o.RawChars), median = Stats.Percentile([.. observed.Select(o => (double)o.RawChars)], 50), max = observed.Max(o => o.RawChars) },
            prunerLoss = new
            {
                samples = lost.Length,
                rate = Math.Round((double)lost.Length / observed.Count, 4),
                byTag = lost.GroupBy(o => o.TagName).OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count()),
                examples = lost.GroupBy(o => (o.TaskId, o.Step)).Select(g => g.First())
                    .Select(o => new { task = o.TaskId, o.Seed, o.Step, o.Url, o.GoldNode, tag = o.Tag }).Take(20).ToArray(),
            },
            goldTags = observed.GroupBy(o => o.TagName).OrderByDescending(g => g.Count()).ToDictionary(g => g.Key, g => g.Count()),
            results,
        };
    }

    private static ObservedStep Sample(string taskId, int seed, int step, Observation observation, int goldNode, PruneOptions options, ITokenCounter counter)
    {
        var pruned = HtmlPruner.Prune(observation.Dom, options);
        if (pruned.IdsAssigned)
        {
            throw new InvalidOperationException($"fitting: the observation of {observation.Url} carried no node ids; the gold id {goldNode} would not match the pruned page.");
        }

        var tag = pruned.TargetTag(goldNode) ?? "(no element)";
        var name = ActionMapper.TagName(tag) ?? tag;
        return new ObservedStep(taskId, seed, step, observation.Url, goldNode, tag, name, pruned, pruned.NodeIds.Contains(goldNode),
            counter.CountTokens(pruned.Html), observation.Dom.Length);
    }

    private sealed record ObservedStep(
        string TaskId, int Seed, int Step, string Url, int GoldNode, string Tag, string TagName, PrunedHtml Pruned, bool Answerable, int PageTokens, int RawChars);
}
