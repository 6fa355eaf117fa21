using Microsoft.Extensions.Logging.Abstractions;

namespace ScribeActors.Inference.Tests;

/// <summary>The tiny test GGUF (<see cref="ScribeActors.Testing.TestModels"/>) and what the tests ask of it.</summary>
internal static class TestModel
{
    /// <summary>Grammar whose every output matches <see cref="ActionPattern"/> (all repetitions bounded).</summary>
    public const string ActionGrammar = """
        root   ::= "Action: " action " Node: " node
        action ::= "click" | "type"
        node   ::= "12" | "345" | "7"
        """;

    public const string ActionPattern = "^Action: (click|type) Node: (12|345|7)$";

    /// <summary>The model's path (the shared locator: fails naming the expected path when it is missing).</summary>
    public static string Path => ScribeActors.Testing.TestModels.Stories260K;

    public static ModelOptions Options(int contextSize = 512, int sequences = 16) => new()
    {
        Path = Path,
        ContextSize = contextSize,
        Sequences = sequences,
        Threads = 2,
        BatchSize = 512,
    };

    public static Task<LlamaModel> LoadAsync(int contextSize = 512, int sequences = 16) =>
        LlamaModel.LoadAsync("tiny", Options(contextSize, sequences), NullLogger.Instance);
}

/// <summary>One tiny model (16 sequences × 512 tokens) shared by the tests of a collection.</summary>
public sealed class TinyModelFixture : IAsyncLifetime
{
    public LlamaModel Model { get; private set; } = null!;

    public async Task InitializeAsync() => Model = await TestModel.LoadAsync();

    public async Task DisposeAsync() => await Model.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class TinyModelCollection : ICollectionFixture<TinyModelFixture>
{
    public const string Name = "tiny model";
}
