using ScribeActors.Testing;

namespace ScribeActors.Bench;

/// <summary>
/// What tracing and metrics cost a workflow step: the same recorded demo task replayed on an embedded silo without
/// telemetry (no endpoint: nothing listens, no span is created) and on one exporting every span and metric over OTLP to a
/// loopback receiver, in alternating blocks (off, on, off, on, ...) because the OpenTelemetry listeners are process-wide
/// and only go away with the silo that registered them.
/// </summary>
internal static class TelemetryOverheadBenchmark
{
    private const string TaskId = "supplier.dispute-invoice";

    public static async Task<object> RunAsync(int runs, int blocks)
    {
        var off = new List<double>();
        var on = new List<double>();
        var offOwn = new List<double>();
        var onOwn = new List<double>();
        var (traceExports, metricExports) = (0, 0);
        for (var block = 0; block < blocks * 2; block++)
        {
            var telemetry = block % 2 == 1;
            await using var receiver = telemetry ? await OtlpReceiver.StartAsync() : null;
            var settings = receiver is null ? null : new Dictionary<string, string?>
            {
                ["Scribe:Telemetry:OtlpEndpoint"] = receiver.Url.AbsoluteUri,
                ["Scribe:Telemetry:MetricExportInterval"] = "00:00:05",
            };
            var world = await BenchWorld.StartAsync(extra: settings);
            try
            {
                var task = world.Task(TaskId);
                var recording = await world.RecordAsync(task);
                await OverheadBenchmark.ScribeRunAsync(world, task, recording); // warm (JIT, first context, containers), untimed
                for (var run = 0; run < runs; run++)
                {
                    var (steps, snapshot) = await OverheadBenchmark.ScribeRunAsync(world, task, recording);
                    if (snapshot.Status != Abstractions.WorkflowStatus.Succeeded)
                    {
                        throw new InvalidOperationException($"Block {block} run {run}: {snapshot.Status}: {snapshot.FailureReason}");
                    }

                    (telemetry ? on : off).AddRange(steps);
                    (telemetry ? onOwn : offOwn).AddRange(snapshot.Steps.Where(s => s.Action is not null && s.FinishedAt is not null).Select(s => (s.FinishedAt!.Value - s.StartedAt).TotalMilliseconds));
                    Stats.Log($"telemetry block {block + 1}/{blocks * 2} ({(telemetry ? "on" : "off")}) run {run + 1}/{runs}: {steps.Sum():F0} ms for {steps.Count} steps");
                }
            }
            finally
            {
                await world.DisposeAsync(); // with telemetry on, this flushes the last spans and metrics to the receiver
            }

            traceExports += receiver?.TraceExports ?? 0;
            metricExports += receiver?.MetricExports ?? 0;
        }

        object Summary(List<double> steps, List<double> own) => new
        {
            steps = steps.Count,
            meanMs = Math.Round(steps.Average(), 2),
            p50Ms = Stats.Percentile(steps, 50),
            p95Ms = Stats.Percentile(steps, 95),
            ownMeanMs = Math.Round(own.Average(), 2),
        };

        var ratio = on.Average() / off.Average();
        return new
        {
            task = TaskId,
            runsPerBlock = runs,
            blocks = Enumerable.Range(0, blocks * 2).Select(b => b % 2 == 1 ? "on" : "off").ToList(),
            off = Summary(off, offOwn),
            on = Summary(on, onOwn),
            ratio = Math.Round(ratio, 3),
            ratioOfMedians = Math.Round(Stats.Percentile(on, 50) / Stats.Percentile(off, 50), 3),
            overheadPercent = Math.Round((ratio - 1) * 100, 1),
            target = new { overheadPercent = 5 },
            receiver = new { traceExports, metricExports },
            definition = "step = time between consecutive step completions of the replayed workflow (as in the overhead benchmark); " +
                "own = a step's recorded start to its outcome; off = no OTLP endpoint (nothing listens to the sources and meters); " +
                "on = Scribe:Telemetry:OtlpEndpoint set to a loopback http/protobuf receiver, every step traced (step, observe, decide, persist, act spans) " +
                "and metrics exported every 5 s; ratio = mean on / mean off",
        };
    }
}
