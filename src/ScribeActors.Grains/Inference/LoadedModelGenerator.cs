using ScribeActors.Agent.Planning;
using ScribeActors.Agent.Prompting;
using ScribeActors.Agent.Pruning;
using ScribeActors.Inference;

namespace ScribeActors.Grains.Inference;

/// <summary>Presents a loaded model (local GGUF or remote endpoint) to the pure <see cref="ModelStepPlanner"/>.</summary>
public sealed class LoadedModelGenerator(ILoadedModel model) : IStepGenerator, ITokenCounter, IChatTemplate
{
    /// <inheritdoc />
    public string ModelId => model.ModelId;

    /// <inheritdoc />
    public ITokenCounter Tokens => this;

    /// <inheritdoc />
    public IChatTemplate Template => this;

    /// <inheritdoc />
    public int ContextSize => model.ContextSize;

    /// <inheritdoc />
    public string Name => model.TemplateName;

    /// <inheritdoc />
    string ITokenCounter.Name => $"{model.ModelId} tokenizer";

    /// <inheritdoc />
    public int CountTokens(string text) => model.CountTokens(text);

    /// <inheritdoc />
    public string Render(string system, string user) => model.RenderChat(system, user);

    /// <inheritdoc />
    public async Task<GeneratedText> GenerateAsync(GenerationCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var result = await model.GenerateAsync(
            new GenerationRequest
            {
                Prompt = call.Prompt,
                System = call.System,
                User = call.User,
                Grammar = call.Grammar,
                MaxTokens = call.MaxTokens,
                Temperature = call.Temperature,
                TopP = call.TopP,
                Seed = call.Seed,
            },
            cancellationToken).ConfigureAwait(false);
        return new GeneratedText(result.Text, result.PromptTokens, result.OutputTokens, result.QueueTime, result.PrefillTime, result.DecodeTime);
    }
}
