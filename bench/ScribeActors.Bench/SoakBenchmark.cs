using System.Diagnostics;
using System.Globalization;
using System.Text;
using ScribeActors.Abstractions;
using ScribeActors.Browser;

namespace ScribeActors.Bench;

/// <summary>
/// Many short replay workflows on one embedded silo, a few at a time, for as long as it takes: does the silo return to
/// the same state after each? Samples the browser's contexts, renderers and memory (PSS) and the silo process's working
/// set after every batch, and every step's execute latency; writes the series to JSON and a picture (SVG).
/// Targets (issue 11): every workflow Succeeded, browser memory at the end within 20% of after the first 50, step p50 at
/// the end within 10% of the start.
/// </summary>
internal static class SoakBenchmark
{
    private const string TaskId = "supplier.download-invoice";
    private const int Window = 50;

    public static async Task<object> RunAsync(int workflows, int concurrency, string? svgPath)
    {
        await using var world = await BenchWorld.StartAsync();
        var task = world.Task(TaskId);
        var recording = await world.RecordAsync(task);
        var spec = world.Spec(task, recording);
        var samples = new List<Sample>();
        var stepMs = new List<(int Workflow, double Ms)>();
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        var done = 0;
        while (done < workflows)
        {
            var batch = Math.Min(concurrency, workflows - done);
            var ids = new List<string>();
            for (var i = 0; i < batch; i++)
            {
                ids.Add((await world.Client.StartAsync(spec)).Id);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            var finals = await Task.WhenAll(ids.Select(id => world.Client.WaitForCompletionAsync(id, timeout.Token)));
            foreach (var final in finals)
            {
                if (final.Status != WorkflowStatus.Succeeded)
                {
                    failures.Add($"{final.Id}: {final.Status}: {final.FailureReason}");
                }

                stepMs.AddRange(final.Steps.Where(s => s.Action is not null).Select(s => (done, s.ExecuteMs)));
                done++;
            }

            samples.Add(await SampleAsync(world.Browsers, done, clock.Elapsed));
            if (done % 100 < batch)
            {
                Stats.Log($"soak: {done}/{workflows} workflows, {failures.Count} failed, {samples[^1]}");
            }
        }

        // The browser's memory once its contexts closed; the first sample after the first window is the baseline.
        var baseline = samples.First(s => s.Workflows >= Math.Min(Window, workflows));
        var end = samples[^1];
        var startSteps = stepMs.Where(s => s.Workflow < Window).Select(s => s.Ms).ToList();
        var endSteps = stepMs.Where(s => s.Workflow >= workflows - Window).Select(s => s.Ms).ToList();
        var memoryRatio = (double)end.BrowserMemoryBytes / baseline.BrowserMemoryBytes;
        var stepRatio = Stats.Percentile(endSteps, 50) / Stats.Percentile(startSteps, 50);
        if (svgPath is not null)
        {
            File.WriteAllText(svgPath, Plot(samples, stepMs, workflows));
        }

        return new
        {
            task = TaskId,
            workflows,
            concurrency,
            succeeded = workflows - failures.Count,
            failed = failures.Take(10),
            totalMinutes = Math.Round(clock.Elapsed.TotalMinutes, 1),
            browserMemoryMb = new { afterFirst50 = Mb(baseline.BrowserMemoryBytes), end = Mb(end.BrowserMemoryBytes), max = Mb(samples.Max(s => s.BrowserMemoryBytes)), ratio = Math.Round(memoryRatio, 3), target = "<= 1.2" },
            stepExecuteMs = new { startP50 = Stats.Percentile(startSteps, 50), endP50 = Stats.Percentile(endSteps, 50), ratio = Math.Round(stepRatio, 3), target = "<= 1.1" },
            renderers = new { afterFirst50 = baseline.Renderers, end = end.Renderers, max = samples.Max(s => s.Renderers) },
            contextsAtEnd = end.Contexts,
            siloWorkingSetMb = new { afterFirst50 = baseline.ProcessMb, end = end.ProcessMb },
            recycles = end.Recycles,
            svg = svgPath,
            series = samples.Where((_, i) => i % Math.Max(1, samples.Count / 100) == 0 || i == samples.Count - 1),
        };
    }

    private static double Mb(long bytes) => Math.Round(bytes / 1048576.0, 1);

    private static async Task<Sample> SampleAsync(IBrowserHost browsers, int workflows, TimeSpan elapsed)
    {
        // Renderers of closed contexts exit a moment later: read once they stop changing (up to 2 s).
        var stats = await browsers.GetStatsAsync();
        for (var i = 0; i < 8 && stats.Contexts + (stats.Renderers ?? 0) > 0; i++)
        {
            await Task.Delay(250);
            stats = await browsers.GetStatsAsync();
        }

        using var self = Process.GetCurrentProcess();
        return new Sample(workflows, Math.Round(elapsed.TotalSeconds, 1), stats.Contexts, stats.Renderers ?? -1, stats.MemoryBytes ?? 0, Math.Round(self.WorkingSet64 / 1048576.0, 1), stats.Recycles);
    }

    private sealed record Sample(int Workflows, double Seconds, int Contexts, int Renderers, long BrowserMemoryBytes, double ProcessMb, int Recycles);

    /// <summary>Browser memory (MB) and the step p50 per window of workflows against the workflow count.</summary>
    private static string Plot(List<Sample> samples, List<(int Workflow, double Ms)> steps, int workflows)
    {
        const int w = 900, h = 420, left = 60, right = 60, top = 30, bottom = 40;
        var memory = samples.Select(s => (X: (double)s.Workflows, Y: s.BrowserMemoryBytes / 1048576.0)).ToList();
        var latency = steps.GroupBy(s => s.Workflow / 10).Select(g => (X: g.Key * 10.0 + 5, Y: Stats.Percentile(g.Select(s => s.Ms).ToList(), 50))).ToList();
        var maxMemory = Math.Max(1, memory.Max(p => p.Y) * 1.1);
        var maxLatency = Math.Max(1, latency.Count == 0 ? 1 : latency.Max(p => p.Y) * 1.1);
        string Line(IEnumerable<(double X, double Y)> points, double maxY, string color) =>
            $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.5\" points=\"{string.Join(' ', points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{left + (p.X / workflows * (w - left - right)):F1},{top + ((1 - (p.Y / maxY)) * (h - top - bottom)):F1}")))}\"/>";
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{w}\" height=\"{h}\" fill=\"white\"/><text x=\"{left}\" y=\"18\">Soak: {workflows} workflows on one silo — browser memory (blue, MB) and step p50 per 10 workflows (red, ms)</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" y1=\"{h - bottom}\" x2=\"{w - right}\" y2=\"{h - bottom}\" stroke=\"black\"/><line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{h - bottom}\" stroke=\"steelblue\"/><line x1=\"{w - right}\" y1=\"{top}\" x2=\"{w - right}\" y2=\"{h - bottom}\" stroke=\"firebrick\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 5}\" y=\"{top + 4}\" text-anchor=\"end\" fill=\"steelblue\">{maxMemory:F0}</text><text x=\"{left - 5}\" y=\"{h - bottom}\" text-anchor=\"end\" fill=\"steelblue\">0</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{w - right + 5}\" y=\"{top + 4}\" fill=\"firebrick\">{maxLatency:F0}</text><text x=\"{w - right + 5}\" y=\"{h - bottom}\" fill=\"firebrick\">0</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{h - 12}\">0</text><text x=\"{w - right}\" y=\"{h - 12}\" text-anchor=\"end\">{workflows} workflows</text>");
        svg.Append(Line(memory, maxMemory, "steelblue")).Append(Line(latency, maxLatency, "firebrick")).Append("</svg>");
        return svg.ToString();
    }
}
