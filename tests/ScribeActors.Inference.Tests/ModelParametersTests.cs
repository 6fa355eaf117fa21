namespace ScribeActors.Inference.Tests;

public sealed class ModelParametersTests
{
    [Theory]
    [InlineData(null, 0, false)]   // CPU: off (llama.cpp's CPU kernel slowed long prefills 3.5x)
    [InlineData(null, 99, null)]   // GPU layers: llama.cpp decides
    [InlineData(true, 0, true)]    // asked for: as asked
    [InlineData(false, 99, false)]
    public void Parameters_FlashAttention_AutoOnlyWithGpuLayers(bool? configured, int gpuLayers, bool? expected)
    {
        var parameters = LlamaModel.Parameters("model.gguf", new ModelOptions { Path = "model.gguf", FlashAttention = configured, GpuLayers = gpuLayers });

        Assert.Equal(expected, parameters.FlashAttention);
    }

    [Theory]
    [InlineData(null, 0, false)]   // CPU: split (long step prompts; see ModelOptions.UnifiedKvCache)
    [InlineData(null, 99, true)]   // GPU layers: unified, for batched decoding
    [InlineData(true, 0, true)]
    [InlineData(false, 99, false)]
    public void Parameters_UnifiedKvCache_AutoOnlyWithGpuLayers(bool? configured, int gpuLayers, bool expected)
    {
        var parameters = LlamaModel.Parameters("model.gguf", new ModelOptions { Path = "model.gguf", UnifiedKvCache = configured, GpuLayers = gpuLayers });

        Assert.Equal(expected, parameters.KVUnified);
    }

    [Fact]
    public void Parameters_Context_HoldsEverySequencesFullContext()
    {
        var parameters = LlamaModel.Parameters("model.gguf", new ModelOptions { Path = "model.gguf", ContextSize = 2048, Sequences = 8, BatchSize = 2048, UnifiedKvCache = false });

        Assert.Equal(2048u * 8, parameters.ContextSize);
        Assert.Equal(8u, parameters.SeqMax);
        Assert.False(parameters.KVUnified);
        Assert.Equal(2048u, parameters.BatchSize);
        Assert.Equal(512u, parameters.UBatchSize);
    }
}
