using LLama.Native;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ScribeActors.Inference.Tests;

public sealed class LlamaNativeTests
{
    [Theory]
    [InlineData(LLamaLogLevel.Error, LogLevel.Error)]
    [InlineData(LLamaLogLevel.Warning, LogLevel.Warning)]
    [InlineData(LLamaLogLevel.Info, LogLevel.Debug)]
    [InlineData(LLamaLogLevel.Debug, LogLevel.Trace)]
    public void Map_NativeLevel_QuietBelowWarning(LLamaLogLevel native, LogLevel expected) =>
        Assert.Equal(expected, LlamaNative.Map(native, LogLevel.Critical));

    [Fact]
    public void Map_Continue_KeepsPreviousLevel() =>
        Assert.Equal(LogLevel.Warning, LlamaNative.Map(LLamaLogLevel.Continue, LogLevel.Warning));

    [Fact]
    public async Task EnsureConfigured_ManyThreads_IdempotentAndModelsStillLoad()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => LlamaNative.EnsureConfigured(NullLogger.Instance))));

        Assert.True(LlamaNative.IsConfigured);
        await using var model = await TestModel.LoadAsync(contextSize: 128, sequences: 1);
        Assert.True(model.CountTokens("Once upon a time") > 0);
    }
}
