using ScribeActors.Testing;
using ScribeActors.Training.Graph;
using Xunit.Abstractions;

namespace ScribeActors.Training.Tests.Graph;

public sealed class ParityTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Logits_Stories260K_MatchLLamaSharpOnTheSameTokens()
    {
        using var reference = new LlamaReference(TestModels.Stories260K);
        var examples = QaData.Examples(reference, QaData.Sums(100)).Where((_, i) => i % 9 == 0).ToList();
        var (tokens, positions) = TrainerOptions.Fit(examples);
        var (_, weights) = LlamaGguf.Load(TestModels.Stories260K);
        await using var trainer = await Trainer.CreateAsync(weights, new TrainerOptions { Tokens = tokens + 3, LossPositions = positions, Threads = 1 });

        var maxDiff = 0d;
        foreach (var example in examples)
        {
            var graph = await trainer.ComputeLogitsAsync(example);
            var llama = reference.Logits([.. example.Prompt, .. example.Answer]);
            for (var s = 0; s < positions; s++)
            {
                var position = example.Prompt.Count - 1 + (s % example.Answer.Count);
                for (var v = 0; v < reference.Vocab; v++)
                {
                    maxDiff = Math.Max(maxDiff, Math.Abs(graph[s * reference.Vocab + v] - llama[position][v]));
                }
            }
        }

        output.WriteLine($"max |logit difference| over {examples.Count} examples × {positions} slots × {reference.Vocab}: {maxDiff:E3}");
        Assert.InRange(maxDiff, 0, 1e-3);
    }

    [Fact]
    public async Task Loss_Stories260K_EqualsMeanCrossEntropyOfLLamaSharpLogits()
    {
        using var reference = new LlamaReference(TestModels.Stories260K);
        var examples = QaData.Examples(reference, QaData.Sums(100)).Where((_, i) => i % 7 == 0).ToList();
        var (tokens, positions) = TrainerOptions.Fit(examples);
        var (_, weights) = LlamaGguf.Load(TestModels.Stories260K);
        await using var trainer = await Trainer.CreateAsync(weights, new TrainerOptions { Tokens = tokens, LossPositions = positions, Threads = 1 });

        var (graphLoss, _) = await trainer.EvaluateAsync(examples);
        var slots = new List<double>();
        foreach (var example in examples)
        {
            var llama = reference.Logits([.. example.Prompt, .. example.Answer]);
            for (var s = 0; s < positions; s++)
            {
                var j = s % example.Answer.Count;
                slots.Add(LlamaReference.CrossEntropy(llama[example.Prompt.Count - 1 + j], example.Answer[j]));
            }
        }

        output.WriteLine($"graph mean CE {graphLoss:F6}, LLamaSharp mean CE {slots.Average():F6}, |diff| {Math.Abs(graphLoss - slots.Average()):E2}");
        Assert.InRange(Math.Abs(graphLoss - slots.Average()), 0, 1e-4);
    }

    [Fact]
    public async Task Logits_TiedOutputHead_MatchLLamaSharpOnTheSameFile()
    {
        // stories260K without output.weight: llama.cpp then uses token_embd as the head, and so must the graph.
        var document = ScribeActors.Inference.Gguf.GgufReader.Read(TestModels.Stories260K);
        document.Tensors.Remove(document.Tensor("output.weight"));
        var dir = Directory.CreateTempSubdirectory("scribe-tied-").FullName;
        try
        {
            var path = Path.Combine(dir, "tied.gguf");
            ScribeActors.Inference.Gguf.GgufWriter.Write(document, path);
            using var reference = new LlamaReference(path);
            var examples = QaData.Examples(reference, QaData.Sums(30)).Where((_, i) => i % 5 == 0).ToList();
            var (tokens, positions) = TrainerOptions.Fit(examples);
            var weights = LlamaGguf.Weights(document, path);
            Assert.False(weights.HasOutput);
            await using var trainer = await Trainer.CreateAsync(weights, new TrainerOptions { Tokens = tokens, LossPositions = positions, Threads = 1 });

            var maxDiff = 0d;
            foreach (var example in examples)
            {
                var graph = await trainer.ComputeLogitsAsync(example);
                var llama = reference.Logits([.. example.Prompt, .. example.Answer]);
                for (var s = 0; s < positions; s++)
                {
                    var position = example.Prompt.Count - 1 + (s % example.Answer.Count);
                    maxDiff = Math.Max(maxDiff, Enumerable.Range(0, reference.Vocab).Max(v => Math.Abs(graph[s * reference.Vocab + v] - llama[position][v])));
                }
            }

            output.WriteLine($"tied head: max |logit difference| {maxDiff:E3}");
            Assert.InRange(maxDiff, 0, 1e-3);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
