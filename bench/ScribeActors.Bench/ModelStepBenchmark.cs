using ScribeActors.Abstractions;
using ScribeActors.Testing;

namespace ScribeActors.Bench;

/// <summary>
/// Per-step latency breakdown of LLM-driven steps through the whole runtime (embedded silo on Azurite, real Chromium,
/// demo sites, the real tiny GGUF on an inference grain): observe, prune, fit (+prompt and grammar), inference (queue,
/// prefill, decode), the rest of the decision (grain hops, parsing, mapping), persist (intent write), execute.
/// </summary>
internal static class ModelStepBenchmark
{
    public static async Task<object> RunAsync(int workflows, int stepsPerWorkflow)
    {
        await using var world = await BenchWorld.StartAsync(extra: new Dictionary<string, string?>
        {
            ["Scribe:Models:tiny:Path"] = TestModels.Stories260K,
            ["Scribe:Models:tiny:ContextSize"] = "2048",
            ["Scribe:Models:tiny:Sequences"] = "8",
            ["Scribe:Workflow:MaxModelActionFailures"] = "100",
        });
        var task = world.Task("supplier.dispute-invoice");
        var steps = new List<StepRecord>();
        for (var run = 0; run < workflows; run++)
        {
            await world.SiteClient.ResetAsync(world.Seed);
            var started = await world.Client.StartAsync(new WorkflowSpec
            {
                Objective = task.Objective,
                StartUrl = task.StartUrl,
                AllowedHosts = [HostPattern.Of(world.Sites.BaseUrl)],
                MaxSteps = stepsPerWorkflow,
                StepSource = StepSourceSpec.ForModel(new ModelRef { ModelId = "tiny", Options = new ModelStepOptions { Temperature = 0.8f, Seed = run, AllowFinish = false } }),
            });
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            var final = await world.Client.WaitForCompletionAsync(started.Id, timeout.Token);
            steps.AddRange(final.Steps.Where(s => s.Inference is not null && s.FinishedAt is not null));
            Stats.Log($"model-step run {run + 1}/{workflows}: {final.Steps.Length} steps, {final.Status}");
        }

        object Phase(Func<StepRecord, double> of)
        {
            var values = steps.Select(of).ToList();
            return new { mean = Math.Round(values.Average(), 2), p50 = Stats.Percentile(values, 50), p95 = Stats.Percentile(values, 95) };
        }

        return new
        {
            model = "stories260K.gguf (292,800 parameters; CPU)",
            task = task.Id,
            steps = steps.Count,
            acted = steps.Count(s => s.Action is not null),
            promptTokensMean = Math.Round(steps.Average(s => s.Inference!.PromptTokens), 1),
            outputTokensMean = Math.Round(steps.Average(s => s.Inference!.OutputTokens), 1),
            truncatedShare = Math.Round(steps.Count(s => s.Inference!.Truncated) / (double)steps.Count, 3),
            phasesMs = new
            {
                observe = Phase(s => s.ObserveMs),
                prune = Phase(s => s.Inference!.PruneMs),
                fit = Phase(s => s.Inference!.FitMs),
                inferenceQueue = Phase(s => s.Inference!.QueueMs),
                inferencePrefill = Phase(s => s.Inference!.PrefillMs),
                inferenceDecode = Phase(s => s.Inference!.DecodeMs),
                decideOther = Phase(s => s.DecideMs - s.Inference!.PruneMs - s.Inference.FitMs - s.Inference.QueueMs - s.Inference.PrefillMs - s.Inference.DecodeMs),
                persistIntent = Phase(s => s.PersistMs),
                execute = Phase(s => s.ExecuteMs),
                wholeStep = Phase(s => (s.FinishedAt!.Value - s.StartedAt).TotalMilliseconds),
            },
            definition = "phases of each model-chosen step from its StepRecord; observe = a separate capture (the first step; later pages come back with the previous action, whose execute includes their capture); decideOther = decide time not spent in prune/fit/inference (grain hops, history, parsing, mapping); persistIntent = the intent write before the action (the DOM is uploaded while the model decides)",
        };
    }
}
