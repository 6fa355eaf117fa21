using System.Diagnostics;
using ScribeActors.Inference;
using ScribeActors.Testing;

namespace ScribeActors.Bench;

/// <summary>
/// Aggregate generated tokens/s of one local model at 1, 4, 8 and 16 concurrent requests (64-token prompt, 128 output
/// tokens), free and grammar-constrained, against the single-stream baseline. Needs only the tiny GGUF in
/// <c>&lt;repo&gt;/../shared/models</c> (or <c>--model PATH</c>): no Azurite, no Chromium.
/// </summary>
internal static class InferenceBenchmark
{
    private const int PromptTokens = 64;
    private const int MaxTokens = 128;
    private const int TokensPerPoint = 2048;
    private static readonly int[] Concurrency = [1, 4, 8, 16];

    // Long enough that the tiny model cannot finish it within MaxTokens, so every request decodes all 128 tokens.
    private const string Grammar = "root ::= [a-z ]{700,800}";

    /// <summary>Runs the sweep once per thread setting (1 and, on a multi-core machine, all processors).</summary>
    public static async Task<object> RunAsync(string? modelPath)
    {
        var path = modelPath ?? TestModels.Stories260K;
        var runs = new List<object>();
        foreach (var threads in new[] { 1, Environment.ProcessorCount }.Distinct())
        {
            foreach (var unified in new[] { false, true })
            {
                runs.Add(await RunAsync(path, threads, unified));
            }
        }

        return new
        {
            model = Path.GetFileName(path),
            maxTokens = MaxTokens,
            target = "aggregate tokens/s at 8 concurrent >= 3x single stream",
            runs,
        };
    }

    private static async Task<object> RunAsync(string path, int threads, bool unified)
    {
        var options = new ModelOptions { Path = path, ContextSize = 512, Sequences = 16, Threads = threads, BatchSize = 512, UnifiedKvCache = unified };
        var load = Stopwatch.StartNew();
        await using var model = await LlamaModel.LoadAsync("bench", options);
        var loadMs = load.Elapsed.TotalMilliseconds;
        var prompt = PromptOf(model, PromptTokens);
        Stats.Log($"inference: {threads} thread(s), unified KV {unified}, model loaded in {loadMs:F0} ms; prompt {model.CountTokens(prompt) + 1} tokens");

        var free = await SweepAsync(model, new GenerationRequest { Prompt = prompt, MaxTokens = MaxTokens, Temperature = 0.8f });
        var constrained = await SweepAsync(model, new GenerationRequest { Prompt = prompt, MaxTokens = MaxTokens, Temperature = 0.8f, Grammar = Grammar });
        return new
        {
            threads,
            unifiedKvCache = unified,
            loadMs = Math.Round(loadMs),
            promptTokens = model.CountTokens(prompt) + 1,
            free,
            grammar = constrained,
        };
    }

    /// <summary>The same sweep on a synthetic llama GGUF whose weights dominate the per-token cost, as in every real
    /// model (random weights with the tiny model's tokenizer; see <see cref="SyntheticGguf"/>).</summary>
    public static async Task<object> RunSyntheticAsync(string? tokenizerModel, string shape = "512x8", string weights = "f32")
    {
        var (embedding, layers) = ParseShape(shape);
        var type = weights.ToLowerInvariant() switch
        {
            "f32" => SyntheticGguf.WeightType.F32,
            "q8_0" or "q8" => SyntheticGguf.WeightType.Q8_0,
            _ => throw new ArgumentException($"--weights '{weights}' is not f32 or q8_0."),
        };
        var feedForward = (int)(Math.Round(embedding * 2.75 / 64) * 64);
        var heads = Math.Max(1, embedding / 64);
        var directory = Path.Combine(Path.GetTempPath(), "scribe-bench-models");
        var written = Stopwatch.StartNew();
        var (path, parameters) = SyntheticGguf.Write(tokenizerModel ?? TestModels.Stories260K, directory, embedding, layers, heads, feedForward, weights: type);
        Stats.Log($"inference (synthetic): wrote {parameters:N0} parameters ({new FileInfo(path).Length / 1e6:F0} MB) in {written.Elapsed.TotalSeconds:F1} s");
        try
        {
            var runs = new List<object>();
            foreach (var unified in new[] { false, true })
            {
                var options = new ModelOptions { Path = path, ContextSize = 2048, Sequences = 16, Threads = Environment.ProcessorCount, BatchSize = 512, UnifiedKvCache = unified };
                await using var model = await LlamaModel.LoadAsync("synthetic", options);
                var prompt = PromptOf(model, PromptTokens);
                Stats.Log($"inference (synthetic {shape} {type}, unified KV {unified})");
                runs.Add(new
                {
                    threads = options.Threads,
                    unifiedKvCache = unified,
                    free = await SweepAsync(model, new GenerationRequest { Prompt = prompt, MaxTokens = 32, Temperature = 0.8f }, maxTokens: 32, tokensPerPoint: 192),
                });
            }

            return new
            {
                model = $"synthetic llama, random {type} weights, {parameters:N0} parameters ({embedding} x {layers} layers, {heads} heads, ffn {feedForward}, vocab 512)",
                fileBytes = new FileInfo(path).Length,
                promptTokens = PromptTokens,
                maxTokens = 32,
                runs,
            };
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static (int Embedding, int Layers) ParseShape(string shape)
    {
        var parts = shape.Split('x');
        return parts.Length == 2 && int.TryParse(parts[0], out var e) && int.TryParse(parts[1], out var l) && e >= 64 && l >= 1
            ? (e, l)
            : throw new ArgumentException($"--shape '{shape}' is not EMBEDDINGxLAYERS (for example 2048x8).");
    }

    private static async Task<object[]> SweepAsync(LlamaModel model, GenerationRequest request, int maxTokens = MaxTokens, int tokensPerPoint = TokensPerPoint)
    {
        await model.GenerateAsync(request with { Seed = 0 }, CancellationToken.None); // warm-up
        var points = new List<object>();
        double? single = null;
        foreach (var concurrency in Concurrency)
        {
            var rounds = Math.Max(2, tokensPerPoint / (concurrency * maxTokens));
            var results = new List<GenerationResult>();
            var clock = Stopwatch.StartNew();
            for (var round = 0; round < rounds; round++)
            {
                var batch = Enumerable.Range(0, concurrency).Select(i => model.GenerateAsync(request with { Seed = (round * 100) + i }, CancellationToken.None));
                results.AddRange(await Task.WhenAll(batch));
            }

            var seconds = clock.Elapsed.TotalSeconds;
            var tokens = results.Sum(r => r.OutputTokens);
            var rate = tokens / seconds;
            single ??= rate;
            Stats.Log($"inference{(request.Grammar is null ? string.Empty : " (grammar)")}: {concurrency} concurrent: {rate:F0} tok/s ({rate / single:F2}x)");
            points.Add(new
            {
                concurrency,
                requests = results.Count,
                outputTokens = tokens,
                seconds = Math.Round(seconds, 2),
                tokensPerSecond = Math.Round(rate),
                ratioVsSingle = Math.Round(rate / single.Value, 2),
                meanTokensPerRequest = Math.Round((double)tokens / results.Count, 1),
                prefillMsP50 = Stats.Percentile([.. results.Select(r => r.PrefillTime.TotalMilliseconds)], 50),
                requestMsP50 = Stats.Percentile([.. results.Select(r => (r.QueueTime + r.PrefillTime + r.DecodeTime).TotalMilliseconds)], 50),
            });
        }

        return [.. points];
    }

    private static string PromptOf(LlamaModel model, int tokens)
    {
        const string story = "Once upon a time there was a little girl named Lily who loved to play in the park with her dog. ";
        var text = string.Concat(Enumerable.Repeat(story, 20));
        while (model.CountTokens(text) + 1 > tokens)
        {
            text = text[..^1];
        }

        return text;
    }
}
