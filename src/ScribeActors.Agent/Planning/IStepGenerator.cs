using ScribeActors.Agent.Pruning;
using ScribeActors.Agent.Prompting;

namespace ScribeActors.Agent.Planning;

/// <summary>A model as the planner sees it: its tokenizer, its chat template, its context and a way to generate.</summary>
public interface IStepGenerator
{
    /// <summary>The model id, for records.</summary>
    string ModelId { get; }

    /// <summary>The model's own tokenizer (or a documented approximation for remote endpoints).</summary>
    ITokenCounter Tokens { get; }

    /// <summary>The model's chat template.</summary>
    IChatTemplate Template { get; }

    /// <summary>Tokens one conversation may hold (prompt and output together).</summary>
    int ContextSize { get; }


    /// <summary>Generates text for a chat-templated prompt under an optional grammar.</summary>
    Task<GeneratedText> GenerateAsync(GenerationCall call, CancellationToken cancellationToken);
}

/// <summary>One generation asked of an <see cref="IStepGenerator"/>.</summary>
/// <param name="System">The system line.</param>
/// <param name="User">The user message.</param>
/// <param name="Prompt">The chat-templated prompt (<see cref="IStepGenerator.Template"/> applied to system and user).</param>
/// <param name="Grammar">GBNF with root rule <c>root</c>, or <see langword="null"/>.</param>
/// <param name="MaxTokens">Most tokens to write.</param>
/// <param name="Temperature">Sampling temperature (0: greedy).</param>
/// <param name="TopP">Nucleus threshold.</param>
/// <param name="Seed">Sampling seed.</param>
public sealed record GenerationCall(string System, string User, string Prompt, string? Grammar, int MaxTokens, float Temperature, float TopP, int Seed);

/// <summary>What a generation produced.</summary>
/// <param name="Text">The generated text.</param>
/// <param name="PromptTokens">Prompt tokens evaluated.</param>
/// <param name="OutputTokens">Tokens written.</param>
/// <param name="Queue">Time waiting for a decoding slot.</param>
/// <param name="Prefill">Prompt evaluation time.</param>
/// <param name="Decode">Generation time.</param>
public sealed record GeneratedText(string Text, int PromptTokens, int OutputTokens, TimeSpan Queue, TimeSpan Prefill, TimeSpan Decode);
