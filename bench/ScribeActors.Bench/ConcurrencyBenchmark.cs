using System.Diagnostics;
using ScribeActors.Abstractions;

namespace ScribeActors.Bench;

/// <summary>N concurrent replay workflows (the read-only download task) on one embedded silo with one Chromium.</summary>
internal static class ConcurrencyBenchmark
{
    private const string TaskId = "supplier.download-invoice";

    public static async Task<object> RunAsync(int workflows)
    {
        await using var world = await BenchWorld.StartAsync();
        var task = world.Task(TaskId);
        var recording = await world.RecordAsync(task);
        using var sampler = new MemorySampler();
        var clock = Stopwatch.StartNew();
        var ids = new List<string>();
        foreach (var _ in Enumerable.Range(0, workflows))
        {
            ids.Add((await world.Client.StartAsync(world.Spec(task, recording))).Id);
        }

        var startedIn = clock.Elapsed.TotalSeconds;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var finals = await Task.WhenAll(ids.Select(id => world.Client.WaitForCompletionAsync(id, timeout.Token)));
        var total = clock.Elapsed.TotalSeconds;
        var state = await world.SiteClient.GetStateAsync();
        var check = task.Check(state);
        var durations = finals.Select(f => (f.UpdatedAt - f.CreatedAt).TotalSeconds).ToList();
        return new
        {
            task = TaskId,
            workflows,
            completed = finals.Count(f => f.Status == WorkflowStatus.Succeeded),
            failed = finals.Where(f => f.Status != WorkflowStatus.Succeeded).Select(f => $"{f.Id}: {f.Status}: {f.FailureReason}").Take(5),
            totalSeconds = Math.Round(total, 1),
            startAllSeconds = Math.Round(startedIn, 2),
            workflowSeconds = new { p50 = Stats.Percentile(durations, 50), p95 = Stats.Percentile(durations, 95), max = Math.Round(durations.Max(), 1) },
            stepsPerSecond = Math.Round(finals.Sum(f => f.Steps.Length) / total, 2),
            peakMemoryMb = new { process = sampler.PeakProcessMb, chromiumPss = sampler.PeakChromiumMb, total = sampler.PeakTotalMb },
            note = "every workflow runs the same read-only task, so the site's own check (one download) cannot pass for 100 copies; completion is the measure",
            serverCheck = check.Reason,
        };
    }
}
