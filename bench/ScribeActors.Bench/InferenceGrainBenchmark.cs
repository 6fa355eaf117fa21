using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ScribeActors.Abstractions;
using ScribeActors.Testing;

namespace ScribeActors.Bench;

/// <summary>
/// The inference sweep through the grain the workflows use: 1, 4, 8 and 16 concurrent next-step requests (a demo-site
/// page, its ScribeAgent prompt and per-page grammar) to one inference grain on an embedded silo, against one at a time.
/// Every request is the whole step of a real workflow: prune, fit, prompt, grammar, batched decode, parse. Needs Azurite
/// and the tiny GGUF (or --model PATH); no Chromium (the page is fetched over HTTP and numbered by the pruner).
/// </summary>
internal static class InferenceGrainBenchmark
{
    private static readonly int[] Concurrency = [1, 4, 8, 16];

    public static async Task<object> RunAsync(string? modelPath, int requestsPerPoint)
    {
        var path = modelPath ?? TestModels.Stories260K;
        await using var world = await BenchWorld.StartAsync(extra: new Dictionary<string, string?>
        {
            ["Scribe:Models:bench:Path"] = path,
            ["Scribe:Models:bench:ContextSize"] = "4096",
            ["Scribe:Models:bench:Sequences"] = "16",
        });
        var task = world.Task("supplier.dispute-invoice");
        using var http = new HttpClient();
        var page = await http.GetStringAsync(task.StartUrl);
        var grain = world.Silo.Services.GetRequiredService<IGrainFactory>().GetGrain<IInferenceGrain>("bench");
        NextStepRequest Request(int seed) => new()
        {
            Objective = task.Objective,
            Url = task.StartUrl,
            Dom = page,
            Options = new ModelStepOptions { Temperature = 0.8f, Seed = seed, AllowFinish = false },
            AllowFinish = false,
        };

        var warm = await grain.NextStepAsync(Request(0)); // loads the model (background load, waited for here) and JITs
        Stats.Log($"inference-grain: model ready on {warm.Inference.Silo}; prompt {warm.Inference.PromptTokens} tokens");
        var points = new List<object>();
        double? single = null;
        double? singleSteps = null;
        foreach (var concurrency in Concurrency)
        {
            var rounds = Math.Max(2, requestsPerPoint / concurrency);
            var results = new List<NextStepResult>();
            var clock = Stopwatch.StartNew();
            for (var round = 0; round < rounds; round++)
            {
                results.AddRange(await Task.WhenAll(Enumerable.Range(0, concurrency).Select(i => grain.NextStepAsync(Request(1 + (round * 100) + i)))));
            }

            var seconds = clock.Elapsed.TotalSeconds;
            var output = results.Sum(r => r.Inference.OutputTokens);
            var rate = output / seconds;
            var steps = results.Count / seconds;
            single ??= rate;
            singleSteps ??= steps;
            Stats.Log($"inference-grain: {concurrency} concurrent: {rate:F0} output tok/s ({rate / single:F2}x), {steps:F2} steps/s ({steps / singleSteps:F2}x)");
            points.Add(new
            {
                concurrency,
                requests = results.Count,
                valid = results.Count(r => r.Step is not null),
                seconds = Math.Round(seconds, 2),
                outputTokensPerSecond = Math.Round(rate, 1),
                ratioVsSingle = Math.Round(rate / single.Value, 2),
                stepsPerSecond = Math.Round(steps, 2),
                stepsRatioVsSingle = Math.Round(steps / singleSteps.Value, 2),
                promptTokensMean = Math.Round(results.Average(r => r.Inference.PromptTokens), 1),
                outputTokensMean = Math.Round(results.Average(r => r.Inference.OutputTokens), 1),
                prefillMsP50 = Stats.Percentile([.. results.Select(r => r.Inference.PrefillMs)], 50),
                decodeMsP50 = Stats.Percentile([.. results.Select(r => r.Inference.DecodeMs)], 50),
                stepMsP50 = Stats.Percentile([.. results.Select(r => r.Inference.TotalMs)], 50),
            });
        }

        return new
        {
            model = Path.GetFileName(path),
            task = task.Id,
            target = "aggregate tokens/s at 8 concurrent >= 3x single stream",
            definition = "one request = one whole next step on the inference grain (prune, fit, prompt, grammar, batched decode, parse); tokens = generated tokens; single = the 1-concurrent point of the same run",
            points,
        };
    }
}
