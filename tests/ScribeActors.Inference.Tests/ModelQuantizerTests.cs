using Microsoft.Extensions.Logging.Abstractions;
using ScribeActors.Inference.Gguf;
using ScribeActors.Testing;

namespace ScribeActors.Inference.Tests;

/// <summary>Quantized copies through llama.cpp's quantizer: still a model llama.cpp loads and runs; bad input is named.</summary>
public sealed class ModelQuantizerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("quantize-").FullName;

    [Fact]
    public async Task Quantize_F16_TheCopyLoadsAndGenerates()
    {
        // stories260K's feed-forward rows (172) do not fill q8_0 blocks; every llama tensor takes f16. The q8_0 round
        // trip of a model this project trains is in the training tests.
        var output = Path.Combine(_folder, "f16.gguf");

        ModelQuantizer.Quantize(TestModels.Stories260K, output, "f16", NullLogger.Instance);

        Assert.Equal(GgmlType.F16, GgufReader.Read(output, loadTensorData: false).Tensor("blk.0.attn_q.weight").Type);
        await using var model = await LlamaModel.LoadAsync("f16", ModelOptions.ForFile(output));
        var result = await model.GenerateAsync(new GenerationRequest { Prompt = "Once upon a time", MaxTokens = 8, Seed = 1 }, CancellationToken.None);
        Assert.Equal(8, result.OutputTokens);
    }

    [Theory]
    [InlineData("q3", "Unknown quantization type 'q3': use one of")]
    [InlineData("F16", null)]
    public void Quantize_Type_IsCheckedCaseInsensitively(string type, string? error)
    {
        var output = Path.Combine(_folder, $"{type}.gguf");
        if (error is null)
        {
            ModelQuantizer.Quantize(TestModels.Stories260K, output, type, NullLogger.Instance);
            Assert.True(File.Exists(output));
            return;
        }

        var e = Assert.Throws<ArgumentException>(() => ModelQuantizer.Quantize(TestModels.Stories260K, output, type, NullLogger.Instance));
        Assert.StartsWith(error, e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Quantize_NotAGguf_SaysSoAndWritesNothing()
    {
        var notModel = Path.Combine(_folder, "notes.gguf");
        File.WriteAllText(notModel, "not a model");
        var output = Path.Combine(_folder, "out.gguf");

        var e = Assert.Throws<ArgumentException>(() => ModelQuantizer.Quantize(notModel, output, "q8_0", NullLogger.Instance));

        Assert.StartsWith($"{notModel} is not a GGUF model", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Quantize_OntoItself_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => ModelQuantizer.Quantize(TestModels.Stories260K, TestModels.Stories260K, "q8_0", NullLogger.Instance));

        Assert.StartsWith("The quantized copy cannot replace the model it is made from", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
