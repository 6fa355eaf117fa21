namespace ScribeActors.Training.Graph;

/// <summary>
/// One answer-only training example as token ids: the prompt (context only, no loss) and the answer (every token is
/// a loss target, usually ending with EOS so the model learns to stop).
/// </summary>
public sealed record TrainingExample
{
    /// <summary>Creates an example; both parts need at least one token (the prompt predicts the first answer token).</summary>
    public TrainingExample(IReadOnlyList<int> prompt, IReadOnlyList<int> answer)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(answer);
        if (prompt.Count == 0 || answer.Count == 0)
        {
            throw new ArgumentException($"An example needs at least one prompt token and one answer token (it has {prompt.Count} and {answer.Count}).");
        }

        Prompt = [.. prompt];
        Answer = [.. answer];
    }

    /// <summary>The prompt's token ids.</summary>
    public IReadOnlyList<int> Prompt { get; }

    /// <summary>The answer's token ids (the loss targets).</summary>
    public IReadOnlyList<int> Answer { get; }

    /// <summary>Tokens the graph reads: the prompt and all answer tokens but the last (which only appears as a label).</summary>
    public int InputLength => Prompt.Count + Answer.Count - 1;

    /// <summary>
    /// Splits a tokenization of prompt + answer at the prompt's tokenization. Throws <see cref="ArgumentException"/> when
    /// <paramref name="prompt"/> is not a prefix of <paramref name="promptAndAnswer"/> (the tokenizer merged across the
    /// boundary, so the loss positions would be wrong), or when nothing follows the prompt.
    /// </summary>
    public static TrainingExample FromTokenizations(IReadOnlyList<int> prompt, IReadOnlyList<int> promptAndAnswer)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(promptAndAnswer);
        if (promptAndAnswer.Count <= prompt.Count || !promptAndAnswer.Take(prompt.Count).SequenceEqual(prompt))
        {
            throw new ArgumentException(
                $"The prompt's {prompt.Count} tokens are not a strict prefix of the {promptAndAnswer.Count} tokens of prompt + answer: the tokenizer merges across the boundary (end the prompt where a token ends, for example before a space), so the answer's loss positions cannot be found.");
        }

        return new TrainingExample(prompt, promptAndAnswer.Skip(prompt.Count).ToArray());
    }
}
