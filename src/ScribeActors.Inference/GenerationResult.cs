namespace ScribeActors.Inference;

/// <summary>What a generation produced and where its time went.</summary>
/// <param name="Text">Generated text (without the stop string or end-of-sequence token).</param>
/// <param name="PromptTokens">Tokens of the prompt (including BOS where the model adds one).</param>
/// <param name="OutputTokens">Tokens generated (an end-of-sequence token is not counted).</param>
/// <param name="QueueTime">Time waiting for a free sequence slot (local) or zero (remote).</param>
/// <param name="PrefillTime">Time from start until the first output token was sampled (remote: the whole request, retries and their waits included).</param>
/// <param name="DecodeTime">Time spent generating after the first token (remote: zero).</param>
/// <param name="StopReason">One of <see cref="StopReasons"/>.</param>
public sealed record GenerationResult(
    string Text,
    int PromptTokens,
    int OutputTokens,
    TimeSpan QueueTime,
    TimeSpan PrefillTime,
    TimeSpan DecodeTime,
    string StopReason);

/// <summary>Values of <see cref="GenerationResult.StopReason"/>.</summary>
public static class StopReasons
{
    /// <summary>The model produced its end-of-sequence token (no grammar was set).</summary>
    public const string Eos = "eos";

    /// <summary><see cref="GenerationRequest.MaxTokens"/> was reached, or the conversation's context was full.</summary>
    public const string MaxTokens = "max_tokens";

    /// <summary>One of <see cref="GenerationRequest.StopStrings"/> appeared.</summary>
    public const string StopString = "stop_string";

    /// <summary>The grammar was complete (with a grammar, end-of-sequence can only be sampled then).</summary>
    public const string GrammarEnd = "grammar_end";

    /// <summary>The request was cancelled (callers see an <see cref="OperationCanceledException"/> instead).</summary>
    public const string Cancelled = "cancelled";
}
