using ScribeActors.Agent.Pruning;
using ScribeActors.Inference;

namespace ScribeActors.Cli.Infrastructure;

/// <summary>The token counter of a CLI command: a GGUF's own tokenizer when one is named, else the built-in approximation.</summary>
internal sealed class TokenCounters : IAsyncDisposable
{
    private readonly LlamaModel? _model;

    private TokenCounters(ITokenCounter counter, LlamaModel? model)
    {
        Counter = counter;
        _model = model;
    }

    public ITokenCounter Counter { get; }

    public static async Task<TokenCounters> OpenAsync(FileInfo? gguf, CancellationToken cancellationToken)
    {
        if (gguf is null)
        {
            return new TokenCounters(new ApproximateTokenCounter(), null);
        }

        if (!gguf.Exists)
        {
            throw new FileNotFoundException($"--model-path: no file at {gguf.FullName}.", gguf.FullName);
        }

        var model = await LlamaModel.LoadAsync("cli", new ModelOptions { Path = gguf.FullName, ContextSize = 512, Sequences = 1 }, cancellationToken: cancellationToken);
        return new TokenCounters(new CachingTokenCounter(new ModelTokenCounter(model, gguf.Name)), model);
    }

    public async ValueTask DisposeAsync()
    {
        if (_model is not null)
        {
            await _model.DisposeAsync();
        }
    }

    private sealed class ModelTokenCounter(LlamaModel model, string file) : ITokenCounter
    {
        public string Name => $"{file} tokenizer";

        public int CountTokens(string text) => model.CountTokens(text);
    }
}
