using System.Diagnostics;
using ScribeActors.Agent.Datasets;
using ScribeActors.Agent.Evaluation;
using ScribeActors.Agent.Planning;
using ScribeActors.Inference.Gguf;
using ScribeActors.Training.Data;
using ScribeActors.Training.Graph;
using ScribeActors.Training.Models;
using ScribeActors.Training.Tokenizer;

namespace ScribeActors.Bench;

/// <summary>
/// Training throughput with examples padded to the longest (one per graph input) against examples packed into it
/// (<see cref="ExamplePacker"/>), on the same real records of a dataset, the same model and thread count, alternating
/// rounds: one epoch each way, plus the raw native epoch (<c>ggml_opt_epoch</c>) of each layout as its ceiling. Tokens
/// are the examples' own (padding not counted), so the two layouts are compared on the work a user asked for. The
/// model is the bundled model's shape and vocabulary with fresh random weights (throughput does not depend on them).
/// </summary>
internal static class TrainingPackingBenchmark
{
    public static async Task<object> RunAsync(string? data, string? model, int records, int threads, int rounds, int embd, int layers, int ff)
    {
        if (data is null || !Directory.Exists(data))
        {
            throw new InvalidOperationException("training-packing: --data DIR (a `scribe dataset build` folder) is required.");
        }

        model ??= Path.Combine(RepoRoot(), "models", "scribe-small", "scribe-small-q8_0.gguf");
        var vocabulary = SpmVocabulary.ReadFrom(GgufReader.Read(model, loadTensorData: false));
        var tokenizer = new SpmTokenizer(vocabulary);
        var all = DatasetReader.Open(data).Records("instance", "train");
        var sample = DatasetEvaluation.Sample(all, records); // spread over the split: every task and page size
        var set = await StepExamples.Build(sample, tokenizer, 1024, new PlanSettings(), CancellationToken.None);
        var examples = set.Examples.Select(e => e.Ids).ToList();
        Stats.Log($"training-packing: {examples.Count} examples from {sample.Count} of {all.Count} train records ({set.Cut.Count} cut)");

        var work = Directory.CreateTempSubdirectory("scribe-bench-packing-");
        try
        {
            var config = new LlamaModelConfig
            {
                VocabSize = vocabulary.Count, EmbeddingLength = embd, BlockCount = layers, HeadCount = 4, HeadCountKv = 4, FeedForwardLength = ff, ContextLength = 1024,
            };
            var path = Path.Combine(work.FullName, "random.gguf");
            LlamaModelFactory.Write(config, vocabulary, 1, path);
            var weights = LlamaGguf.Load(path).Weights;

            var (tokens, answers) = TrainerOptions.Fit(examples);
            var (_, packedAnswers) = TrainerOptions.FitPacked(examples);
            var padded = new TrainerOptions { Tokens = tokens, LossPositions = answers, Pack = false, Threads = threads, Epochs = 1, Patience = 0 };
            var packed = padded with { LossPositions = packedAnswers, Pack = true };
            var datapoints = ExamplePacker.Pack(examples, tokens, packedAnswers).Count;
            long inputTokens = examples.Sum(e => (long)e.InputLength);

            var results = new Dictionary<string, List<(double Seconds, double Raw)>> { ["padded"] = [], ["packed"] = [] };
            for (var round = 0; round < rounds; round++)
            {
                foreach (var (name, options) in new[] { ("padded", padded), ("packed", packed) })
                {
                    await using var trainer = await Trainer.CreateAsync(weights, options);
                    var clock = Stopwatch.StartNew();
                    await trainer.TrainAsync(examples, []);
                    var seconds = clock.Elapsed.TotalSeconds;
                    var raw = await trainer.MeasureRawEpochAsync(examples);
                    results[name].Add((seconds, raw));
                    Stats.Log($"training-packing: round {round + 1} {name}: {seconds:F1} s ({inputTokens / seconds:F0} tok/s; raw epoch {raw:F0} tok/s)");
                }
            }

            object Summary(string name, TrainerOptions o, int points)
            {
                var best = results[name].Min(r => r.Seconds);
                return new
                {
                    tokens = o.Tokens, lossPositions = o.LossPositions, datapoints = points,
                    paddingShare = Math.Round(1 - (double)inputTokens / ((long)o.Tokens * points), 3),
                    epochSecondsBest = Math.Round(best, 2),
                    epochSeconds = results[name].Select(r => Math.Round(r.Seconds, 2)),
                    examplesPerSecond = Math.Round(examples.Count / best, 2),
                    tokensPerSecond = Math.Round(inputTokens / best),
                    rawEpochTokensPerSecond = Math.Round(results[name].Max(r => r.Raw)),
                };
            }

            var bestPadded = results["padded"].Min(r => r.Seconds);
            var bestPacked = results["packed"].Min(r => r.Seconds);
            return new
            {
                model = new { embd, layers, ff, vocab = vocabulary.Count },
                threads, rounds, examples = examples.Count, inputTokens,
                padded = Summary("padded", padded, examples.Count),
                packed = Summary("packed", packed, datapoints),
                speedup = Math.Round(bestPadded / bestPacked, 2),
            };
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string RepoRoot() => ScribeActors.Testing.SiloProcess.RepoRoot();
}
