using ScribeActors.Training.Models;
using ScribeActors.Training.Tokenizer;

namespace ScribeActors.Training.Tests.Tokenizer;

/// <summary>A vocabulary learned on seed-1 demo pages, written into a created model file, and llama.cpp's tokenizer for it.</summary>
public sealed class ParityFixture : IAsyncLifetime
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("spm-parity-");

    public IReadOnlyList<string> TrainPages { get; private set; } = [];

    public IReadOnlyList<string> UnseenPages { get; private set; } = [];

    public SpmTokenizer Tokenizer { get; private set; } = null!;

    internal NativeVocab Native { get; private set; } = null!;

    public string ModelPath => Path.Combine(_temp.FullName, "vocab.gguf");

    public async Task InitializeAsync()
    {
        TrainPages = await DemoCorpus.PagesAsync(seed: 1);
        UnseenPages = await DemoCorpus.PagesAsync(seed: 2);
        var vocabulary = SpmTrainer.Train(TrainPages, new SpmTrainerOptions { VocabSize = 1024, ControlTokens = ["<|im_start|>", "<|im_end|>"] });
        Tokenizer = new SpmTokenizer(vocabulary);
        LlamaModelFactory.Write(new LlamaModelConfig { VocabSize = vocabulary.Count }, vocabulary, seed: 1, ModelPath);
        Native = new NativeVocab(ModelPath);
    }

    public Task DisposeAsync()
    {
        Native?.Dispose();
        _temp.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
