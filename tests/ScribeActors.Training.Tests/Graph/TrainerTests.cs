using ScribeActors.Inference.Gguf;
using ScribeActors.Testing;
using ScribeActors.Training.Graph;
using Xunit.Abstractions;

namespace ScribeActors.Training.Tests.Graph;

public sealed class TrainerTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scribe-trainer-").FullName;

    [Fact]
    public async Task TrainAsync_QuestionAnswerLookups_LossFallsAndTheSavedModelAnswersInLLamaSharp()
    {
        List<TrainingExample> examples;
        int before;
        using (var reference = new LlamaReference(TestModels.Stories260K))
        {
            examples = QaData.Examples(reference, QaData.Lookups(20));
            before = ExactMatches(reference, examples);
        }

        var (tokens, positions) = TrainerOptions.Fit(examples);
        var (document, weights) = LlamaGguf.Load(TestModels.Stories260K);
        var options = new TrainerOptions { Tokens = tokens, LossPositions = positions, Epochs = 45, LearningRate = 5e-3f, WarmupSteps = 20, Patience = 0, Threads = 1 };
        await using var trainer = await Trainer.CreateAsync(weights, options);
        var reports = new List<TrainingProgress>();
        var result = await trainer.TrainAsync(examples, examples.Take(10).ToList(), new SyncProgress<TrainingProgress>(reports.Add));

        foreach (var e in result.Epochs)
        {
            output.WriteLine($"epoch {e.Epoch}: train {e.TrainLoss:F4} (acc {e.TrainAccuracy:P0}), val {e.ValidationLoss:F4}, {e.TokensPerSecond:F0} tok/s");
        }

        Assert.True(result.Epochs[^1].TrainLoss < result.Epochs[0].TrainLoss / 4, $"loss {result.Epochs[0].TrainLoss} → {result.Epochs[^1].TrainLoss}");
        Assert.Equal(options.Epochs * examples.Count, result.OptimizerSteps);
        Assert.Equal(options.Epochs * (examples.Count + 1), reports.Count);
        Assert.All(reports, r => Assert.True(r.TokensPerSecond > 0 && double.IsFinite(r.Loss)));

        var path = Path.Combine(_dir, "trained.gguf");
        LlamaGguf.Save(document, result.Weights, path);
        Assert.Equal(document.Metadata.Keys, GgufReader.Read(path, loadTensorData: false).Metadata.Keys);
        using var trained = new LlamaReference(path);
        var after = ExactMatches(trained, examples);
        output.WriteLine($"exact matches (greedy, LLamaSharp): base {before}/{examples.Count}, trained {after}/{examples.Count}");
        Assert.True(after >= 18, $"{after}/{examples.Count} exact after training");
        Assert.True(before <= 5, $"the untrained model already answers {before}");
    }

    private static int ExactMatches(LlamaReference model, IReadOnlyList<TrainingExample> examples) =>
        examples.Count(e => model.Greedy(e.Prompt, e.Answer.Count + 1).SequenceEqual(e.Answer.Take(e.Answer.Count - 1)));

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

/// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread (Progress&lt;T&gt; posts to the thread pool).</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
