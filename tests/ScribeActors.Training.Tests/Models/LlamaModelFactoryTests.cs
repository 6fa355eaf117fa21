using Microsoft.Extensions.Logging.Abstractions;
using ScribeActors.Inference;
using ScribeActors.Inference.Gguf;
using ScribeActors.Training.Models;
using ScribeActors.Training.Tokenizer;

namespace ScribeActors.Training.Tests.Models;

public sealed class LlamaModelFactoryTests : IDisposable
{
    private static readonly SpmVocabulary Vocabulary = SpmTrainer.Train(
        ["<button> Submit invoice </button>", "<a> Invoices </a> <a> Expenses </a>", "Once upon a time there was a form."],
        new SpmTrainerOptions { VocabSize = 340 });

    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("llama-create-");

    public void Dispose() => _temp.Delete(recursive: true);

    private static LlamaModelConfig Config => new() { VocabSize = Vocabulary.Count, EmbeddingLength = 64, BlockCount = 2, HeadCount = 4, HeadCountKv = 2, FeedForwardLength = 128, ContextLength = 128 };

    [Fact]
    public async Task Quantize_ACreatedModel_Q8_0CopyHoldsQ8WeightsAndLoads()
    {
        var model = Write(seed: 5, "f32.gguf");
        var quantized = Path.Combine(_temp.FullName, "q8.gguf");

        ModelQuantizer.Quantize(model, quantized, "q8_0", NullLogger.Instance);

        var document = GgufReader.Read(quantized, loadTensorData: false);
        Assert.Equal(GgmlType.Q8_0, document.Tensor("blk.0.attn_q.weight").Type);
        Assert.Equal(GgmlType.Q8_0, document.Tensor("blk.1.ffn_down.weight").Type);
        Assert.Equal(Vocabulary.Tokens, SpmVocabulary.ReadFrom(GgufReader.Read(quantized)).Tokens);
        Assert.True(new FileInfo(quantized).Length < new FileInfo(model).Length * 0.6, "a q8_0 copy of an F32 model is under 60 % of its size");
        await using var loaded = await LlamaModel.LoadAsync("q8", ModelOptions.ForFile(quantized));
        var result = await loaded.GenerateAsync(new GenerationRequest { Prompt = "<button> Submit", MaxTokens = 4, Seed = 1 }, CancellationToken.None);
        Assert.Equal(4, result.OutputTokens);
    }

    [Fact]
    public void Create_SameSeed_SameBytes_OtherSeed_OtherWeights()
    {
        var a = Write(seed: 7, "a.gguf");
        var b = Write(seed: 7, "b.gguf");
        var c = Write(seed: 8, "c.gguf");

        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        Assert.NotEqual(File.ReadAllBytes(a), File.ReadAllBytes(c));
    }

    [Fact]
    public void Create_Config_HasLlamaShapesAndInitialisation()
    {
        var document = LlamaModelFactory.Create(Config, Vocabulary, seed: 3);

        Assert.Equal(3 + (9 * 2), document.Tensors.Count);
        Assert.Equal(new ulong[] { 64, (ulong)Vocabulary.Count }, document.Tensor("token_embd.weight").Dimensions);
        Assert.Equal(new ulong[] { 64, 32 }, document.Tensor("blk.1.attn_k.weight").Dimensions); // 2 kv heads × 16
        Assert.Equal(new ulong[] { 128, 64 }, document.Tensor("blk.0.ffn_down.weight").Dimensions);
        Assert.All(document.Tensor("blk.0.attn_norm.weight").GetF32(), v => Assert.Equal(1f, v));
        Assert.InRange(Std(document.Tensor("token_embd.weight").GetF32()), 0.019, 0.021);
        Assert.InRange(Std(document.Tensor("blk.0.ffn_down.weight").GetF32()), 0.0095, 0.0105); // 0.02 / sqrt(4)
        Assert.InRange(document.Tensor("blk.0.attn_q.weight").GetF32().Average(), -0.001, 0.001);
        Assert.Equal(Vocabulary.Tokens, SpmVocabulary.ReadFrom(document).Tokens);
        Assert.Equal(16, document.Get("llama.rope.dimension_count").AsInt64());
    }

    [Fact]
    public async Task Create_WrittenModel_LoadsInLlamaSharpAndGeneratesDeterministically()
    {
        var path = Write(seed: 11, "model.gguf");
        var options = new ModelOptions { Path = path, ContextSize = 128, Sequences = 1, Threads = 2, BatchSize = 128 };
        await using var model = await LlamaModel.LoadAsync("created", options, NullLogger.Instance);
        var request = new GenerationRequest { Prompt = "<button> Submit", MaxTokens = 12, Temperature = 0, Seed = 1 };

        var first = await model.GenerateAsync(request, CancellationToken.None);
        var second = await model.GenerateAsync(request, CancellationToken.None);

        Assert.Equal(new SpmTokenizer(Vocabulary).Encode("<button> Submit").Length + 1, first.PromptTokens);
        Assert.True(first.OutputTokens > 0, "the created model generated nothing");
        Assert.Equal(first.Text, second.Text);
        Assert.Equal(first.OutputTokens, second.OutputTokens);
    }

    [Theory]
    [InlineData(48, 4, 4, 128, 2, "n_embd) 48 is not a positive multiple of 32")]
    [InlineData(64, 4, 4, 100, 2, "n_ff) 100 is not a positive multiple of 32")]
    [InlineData(64, 4, 3, 128, 2, "n_head_kv) 3 does not divide n_head 4")]
    [InlineData(96, 5, 5, 128, 2, "n_head) 5 does not divide n_embd 96")]
    [InlineData(96, 32, 32, 128, 2, "head size n_embd / n_head = 3 is odd")]
    [InlineData(64, 4, 4, 128, 17, "n_layer) 17 is outside 1 to 16")]
    public void Validate_ConfigTheWriterCannotExpress_NamesTheRule(int embd, int heads, int kvHeads, int ff, int layers, string expected)
    {
        var config = Config with { EmbeddingLength = embd, HeadCount = heads, HeadCountKv = kvHeads, FeedForwardLength = ff, BlockCount = layers };

        var error = Assert.Throws<ArgumentException>(() => LlamaModelFactory.Create(config, Vocabulary, seed: 1));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_VocabularyOfAnotherSize_FailsNamingBothSizes()
    {
        var error = Assert.Throws<ArgumentException>(() => LlamaModelFactory.Create(Config with { VocabSize = 512 }, Vocabulary, seed: 1));

        Assert.Contains($"512 differs from the vocabulary's {Vocabulary.Count}", error.Message, StringComparison.Ordinal);
    }

    private string Write(ulong seed, string name)
    {
        var path = Path.Combine(_temp.FullName, name);
        LlamaModelFactory.Write(Config, Vocabulary, seed, path);
        Assert.Null(GgufReader.Read(path).Tensors.FirstOrDefault(t => t.GetF32().Any(float.IsNaN)));
        return path;
    }

    private static double Std(float[] values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (double)(v - mean)) / values.Length);
    }
}
