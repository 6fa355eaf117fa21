using Microsoft.Extensions.Logging.Abstractions;

namespace ScribeActors.Inference.Tests;

/// <summary>Finds the tiny test GGUF in <c>&lt;repo&gt;/../shared/models</c>; a missing file fails the test, never skips it.</summary>
internal static class TestModel
{
    public const string FileName = "stories260K.gguf";

    /// <summary>Grammar whose every output matches <see cref="ActionPattern"/> (all repetitions bounded).</summary>
    public const string ActionGrammar = """
        root   ::= "Action: " action " Node: " node
        action ::= "click" | "type"
        node   ::= "12" | "345" | "7"
        """;

    public const string ActionPattern = "^Action: (click|type) Node: (12|345|7)$";

    private static readonly Lazy<string> LazyPath = new(Find);

    public static string Path => LazyPath.Value;

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

    private static string Find()
    {
        var start = new DirectoryInfo(AppContext.BaseDirectory);
        for (var dir = start; dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "models", FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var repo = start;
        while (repo is not null && !File.Exists(System.IO.Path.Combine(repo.FullName, "ScribeActors.sln")))
        {
            repo = repo.Parent;
        }

        var expected = repo?.Parent is { } parent
            ? System.IO.Path.Combine(parent.FullName, "shared", "models", FileName)
            : $"<repo>/../shared/models/{FileName}";
        throw new FileNotFoundException(
            $"The test model is missing: expected {expected} (beside the repository, never committed). " +
            "Put stories260K.gguf (sha256 270cba1b…256d, see shared/models/README.md) there.", expected);
    }
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
