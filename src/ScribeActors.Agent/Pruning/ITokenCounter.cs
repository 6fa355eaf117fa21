namespace ScribeActors.Agent.Pruning;

/// <summary>
/// Counts the tokens a language model's tokenizer produces for a text (no special tokens). Used by the pruner's
/// char-to-token ratio filter (ScribeAgent §3.2) and by the DOM fitters to stay within a token budget.
/// </summary>
/// <remarks>Implementations must be deterministic and safe to call from several threads at once.</remarks>
public interface ITokenCounter
{
    /// <summary>A short name for reports and logs, for example <c>approximate-qwen</c>.</summary>
    string Name { get; }

    /// <summary>The number of tokens of <paramref name="text"/>: 0 for the empty string, at least 1 for any other (as
    /// every tokenizer gives; the fitters rely on it to stop counting once a budget is full).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    int CountTokens(string text);
}
