using ScribeActors.Training.Models;
using ScribeActors.Inference.Gguf;
using ScribeActors.Testing;
using ScribeActors.Training.Graph;

namespace ScribeActors.Training.Tests.Graph;

public sealed class LlamaGgufTests
{
    [Fact]
    public void Load_Stories260K_ReadsTheConfigAndEveryTensor()
    {
        var (_, weights) = LlamaGguf.Load(TestModels.Stories260K);

        Assert.Equal(new LlamaModelConfig { EmbeddingLength = 64, BlockCount = 5, HeadCount = 8, HeadCountKv = 4, FeedForwardLength = 172, VocabSize = 512, RmsEpsilon = 1e-5f, RopeFreqBase = 10000f, ContextLength = 2048 }, weights.Config);
        Assert.True(weights.HasOutput);
        Assert.Equal(3 + 5 * 9, weights.Names.Count());
        Assert.Equal(292_800, weights.Names.Sum(n => weights[n].Length));
    }

    [Fact]
    public void Weights_MoreLayersThanTheStaticGraphTakes_RefusesWithTheLimit()
    {
        var document = GgufReader.Read(TestModels.Stories260K);
        document.Set("llama.block_count", GgufValue.UInt32(24));

        var e = Assert.Throws<NotSupportedException>(() => LlamaGguf.Weights(document, "deep.gguf"));

        Assert.Contains("24 layers", e.Message, StringComparison.Ordinal);
        Assert.Contains("at most 16", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Weights_NotALlamaModel_Refuses()
    {
        var document = GgufReader.Read(TestModels.Stories260K);
        document.Set("general.architecture", GgufValue.String("gpt2"));

        var e = Assert.Throws<NotSupportedException>(() => LlamaGguf.Weights(document, "gpt2.gguf"));

        Assert.Contains("'gpt2.gguf' is not a llama GGUF: general.architecture is 'gpt2'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Weights_QuantizedTensor_RefusesNamingIt()
    {
        var document = GgufReader.Read(TestModels.Stories260K);
        document.Tensors[1] = new GgufTensor("output_norm.weight", GgmlType.Q8_0, [64], new byte[2 * 34]);

        var e = Assert.Throws<NotSupportedException>(() => LlamaGguf.Weights(document, "q8.gguf"));

        Assert.Contains("Q8_0 tensor 'output_norm.weight'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Weights_F16Tensor_IsWidenedToF32()
    {
        var document = GgufReader.Read(TestModels.Stories260K);
        var norm = document.Tensor("output_norm.weight").GetF32();
        var half = norm.Select(v => (Half)v).ToArray();
        document.Tensors[1] = new GgufTensor("output_norm.weight", GgmlType.F16, [64], System.Runtime.InteropServices.MemoryMarshal.AsBytes(half.AsSpan()));

        var weights = LlamaGguf.Weights(document, "f16.gguf");

        Assert.Equal(half.Select(h => (float)h), weights["output_norm.weight"]);
    }
}
