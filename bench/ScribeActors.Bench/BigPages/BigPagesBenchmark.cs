using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using ScribeActors.Agent;
using ScribeActors.Agent.Planning;
using ScribeActors.Agent.Prompting;
using ScribeActors.Agent.Pruning;
using ScribeActors.Grains.Inference;
using ScribeActors.Inference;
using ScribeActors.Testing;

namespace ScribeActors.Bench.BigPages;

/// <summary>
/// Prune and fit of one model step on big observed pages, one shape at a time (<see cref="BigPageShapes"/>), against
/// the unavoidable work on the same page in the same run: parsing it into the DOM index, as the workflow grain does
/// with every observation (the floor); one pass of the tokenizer over the whole page is reported beside it. Two
/// tokenizer paths: the approximate counter (cached, the pruner's default) and the model's own tokenizer exactly as the
/// inference grain hands it to the planner (the real tiny GGUF through <see cref="LoadedModelGenerator"/>, uncached);
/// on the model path the planner itself runs too (<see cref="ModelStepPlanner.PlanAsync"/>: prune, fit, prompt,
/// grammar; its generation is not timed). Linearity: the same shape at several sizes, time per MB. Needs nothing but,
/// for the model path, the tiny GGUF.
/// </summary>
internal static class BigPagesBenchmark
{
    private const double TargetMs = 2000;
    private const int ContextSize = 32_768;

    public static async Task<object> RunAsync(string? shapes, string? sizes, int runs, string? modelPath, bool modelTokenizer)
    {
        var shapeList = shapes is null ? BigPageShapes.Names : shapes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var sizeList = (sizes ?? "1,2.5,5,10").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        LlamaModel? model = null;
        if (modelTokenizer)
        {
            model = await LlamaModel.LoadAsync("bench", new ModelOptions { Path = modelPath ?? TestModels.Stories260K, ContextSize = 512, Sequences = 1 });
        }

        try
        {
            // Warm-up (JIT, the approximate counter's cache): the first measured page must not pay for it.
            var warmUp = BigPageShapes.Build("everything", 500_000);
            await MeasureAsync("warm-up", warmUp, 0, 0.5, "approximate", new CachingTokenCounter(ApproximateTokenCounter.Instance), null, 1);
            if (model is not null)
            {
                var generator = new LoadedModelGenerator(model);
                await MeasureAsync("warm-up", warmUp, 0, 0.5, "model", generator.Tokens, new BenchGenerator(generator), 1);
            }

            var report = new List<object>();
            foreach (var shape in shapeList)
            {
                var points = new List<Point>();
                foreach (var mb in sizeList)
                {
                    var html = BigPageShapes.Build(shape, (int)(mb * 1_000_000), out var nodes);
                    points.Add(await MeasureAsync(shape, html, nodes, mb, "approximate", new CachingTokenCounter(ApproximateTokenCounter.Instance), null, runs));
                    if (model is not null)
                    {
                        var generator = new LoadedModelGenerator(model);
                        points.Add(await MeasureAsync(shape, html, nodes, mb, "model", generator.Tokens, new BenchGenerator(generator), runs));
                    }
                }

                report.Add(new { shape, points = points.Select(Summary), linearity = Linearity(points) });
            }

            return new
            {
                target = $"prune + fit <= {TargetMs} ms on a 10 MB page, linear in the page size",
                gc = GCSettings.IsServerGC ? "server (as the silo runs)" : "workstation",
                contextSize = ContextSize,
                runs,
                definition = "ms: median wall time of the runs (cpuMs: process CPU time, less sensitive to other load); floorMs = DomIndex.Parse of the page (what the workflow grain does with every observation); " +
                    "tokenizerReadMs = one pass of the counter over the whole page (what prune and fit avoid); stepMs = prune + the slower fitter; overFloor = stepMs / floorMs; " +
                    "plannerPruneMs/plannerFitMs = ModelStepPlanner's own prune and fit (+ prompt, grammar) times, as a step record reports them; perMb = ms per MB of the page",
                shapes = report,
            };
        }
        finally
        {
            if (model is not null)
            {
                await model.DisposeAsync();
            }
        }
    }

    private static async Task<Point> MeasureAsync(string shape, string html, int nodes, double mb, string counterName, ITokenCounter counter, IStepGenerator? generator, int runs)
    {
        var budget = ContextSize - 1_000;
        var options = new PruneOptions { TokenCounter = counter };
        var index = new Samples();
        var prune = new Samples();
        var interactive = new Samples();
        var tail = new Samples();
        var plannerPrune = new List<double>();
        var plannerFit = new List<double>();
        PrunedHtml? pruned = null;
        FittedDom? fitted = null;
        for (var run = 0; run < runs; run++)
        {
            index.Time(() => DomIndex.Parse(html));
            prune.Time(() => pruned = HtmlPruner.Prune(html, options));
            interactive.Time(() => fitted = new InteractiveFirstFitter().Fit(pruned!, budget, counter));
            tail.Time(() => new TailFitter().Fit(pruned!, budget, counter));
            if (generator is not null)
            {
                GC.Collect();
                var step = await ModelStepPlanner.PlanAsync(
                    new PlanRequest("Approve the first open invoice", "http://127.0.0.1/big", html, [], new PlanSettings(MaxInvalidRetries: 0)),
                    generator,
                    CancellationToken.None);
                plannerPrune.Add(step.Prune.TotalMilliseconds);
                plannerFit.Add(step.Fit.TotalMilliseconds);
            }
        }

        var read = new Samples();
        read.Time(() => counter.CountTokens(html));
        var point = new Point(shape, mb, counterName, html.Length, nodes, pruned!.SourceElementCount, pruned.Html.Length, fitted!.Tokens,
            index, read, prune, interactive, tail, plannerPrune.Count == 0 ? null : Stats.Percentile(plannerPrune, 50), plannerFit.Count == 0 ? null : Stats.Percentile(plannerFit, 50));
        Stats.Log($"big-pages: {shape} {mb} MB, {nodes:N0} nodes ({counterName}): floor {point.Index.Ms:F0} ms, read {point.Read.Ms:F0} ms, prune {point.Prune.Ms:F0} ms, fit {point.Interactive.Ms:F0}/{point.Tail.Ms:F0} ms (interactive/tail)"
            + (point.PlannerPruneMs is { } p ? $", planner {p:F0}+{point.PlannerFitMs:F0} ms" : ""));
        return point;
    }

    private static object Summary(Point p)
    {
        var step = p.Prune.Ms + Math.Max(p.Interactive.Ms, p.Tail.Ms);
        return new
        {
            mb = p.Mb,
            counter = p.Counter,
            chars = p.Chars,
            nodes = p.Nodes,
            elements = p.Elements,
            prunedChars = p.PrunedChars,
            fittedTokens = p.FittedTokens,
            floorMs = p.Index.Ms,
            floorCpuMs = p.Index.CpuMs,
            tokenizerReadMs = p.Read.Ms,
            pruneMs = p.Prune.Ms,
            pruneCpuMs = p.Prune.CpuMs,
            fitInteractiveMs = p.Interactive.Ms,
            fitTailMs = p.Tail.Ms,
            stepMs = Math.Round(step, 1),
            overFloor = Math.Round(step / p.Index.Ms, 2),
            plannerPruneMs = p.PlannerPruneMs,
            plannerFitMs = p.PlannerFitMs,
            withinTarget = p.Mb >= 10 ? step <= TargetMs : (bool?)null,
        };
    }

    private static object Linearity(List<Point> points)
    {
        var result = new Dictionary<string, object>();
        foreach (var group in points.GroupBy(p => p.Counter))
        {
            var smallest = group.MinBy(p => p.Mb)!;
            var largest = group.MaxBy(p => p.Mb)!;
            object Ratio(Func<Point, double> of) => new
            {
                perMbSmall = Math.Round(of(smallest) / smallest.Mb, 1),
                perMbLarge = Math.Round(of(largest) / largest.Mb, 1),
                ratio = Math.Round(of(largest) / largest.Mb / (of(smallest) / smallest.Mb), 2),
            };
            result[group.Key] = new
            {
                fromMb = smallest.Mb,
                toMb = largest.Mb,
                perMbByMb = group.OrderBy(p => p.Mb).Select(p => new { p.Mb, floor = Math.Round(p.Index.Ms / p.Mb, 1), prune = Math.Round(p.Prune.Ms / p.Mb, 1), fitInteractive = Math.Round(p.Interactive.Ms / p.Mb, 1), fitTail = Math.Round(p.Tail.Ms / p.Mb, 1) }),
                floor = Ratio(p => p.Index.Ms),
                floorCpu = Ratio(p => p.Index.CpuMs),
                prune = Ratio(p => p.Prune.Ms),
                pruneCpu = Ratio(p => p.Prune.CpuMs),
                fitInteractive = Ratio(p => p.Interactive.Ms),
                fitTail = Ratio(p => p.Tail.Ms),
            };
        }

        return result;
    }

    /// <summary>Wall and process CPU time of repeated runs of one phase (each after a full collection).</summary>
    private sealed class Samples
    {
        private readonly List<double> _wall = [];
        private readonly List<double> _cpu = [];

        public double Ms => Stats.Percentile(_wall, 50);

        public double CpuMs => Stats.Percentile(_cpu, 50);

        public void Time(Action action)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            using var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var started = Stopwatch.GetTimestamp();
            action();
            _wall.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            process.Refresh();
            _cpu.Add((process.TotalProcessorTime - cpu).TotalMilliseconds);
        }
    }

    /// <summary>The model's tokenizer, chat template and context as the inference grain passes them to the planner; the
    /// generation is not what is measured here, so it answers at once (the planner records an invalid step).</summary>
    private sealed class BenchGenerator(LoadedModelGenerator model) : IStepGenerator
    {
        public string ModelId => model.ModelId;

        public ITokenCounter Tokens => model.Tokens;

        public IChatTemplate Template => model.Template;

        public int ContextSize => BigPagesBenchmark.ContextSize;

        public Task<GeneratedText> GenerateAsync(GenerationCall call, CancellationToken cancellationToken) =>
            Task.FromResult(new GeneratedText("", 0, 0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero));
    }

    private sealed record Point(string Shape, double Mb, string Counter, int Chars, int Nodes, int Elements, int PrunedChars, int FittedTokens,
        Samples Index, Samples Read, Samples Prune, Samples Interactive, Samples Tail, double? PlannerPruneMs, double? PlannerFitMs);
}
