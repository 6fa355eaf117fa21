namespace ScribeActors.Abstractions;

/// <summary>
/// ChatML, the chat template of Qwen2/Qwen2.5 (the ScribeAgent base models, scribeagent-format.md §4) and the fallback
/// of models whose GGUF brings no usable template. The one implementation: the agent's template and the model adapters
/// both render through it, so a step prompt has the same bytes wherever it is built.
/// </summary>
/// <remarks>
/// Messages are inserted verbatim. A message that itself contains <c>&lt;|im_end|&gt;</c> or <c>&lt;|im_start|&gt;</c>
/// (a page quoting them) becomes a turn marker when the text is tokenized with special tokens parsed; the reference has
/// the same exposure. Neither escaped nor rejected here: the tokenizer decides.
/// </remarks>
public static class ChatMl
{
    /// <summary>The template's name as it appears in <see cref="ModelStatus.Template"/> and <see cref="StepInference.Template"/>.</summary>
    public const string Name = "chatml";

    /// <summary>
    /// Renders one system and one user turn and opens the assistant turn:
    /// <c>&lt;|im_start|&gt;system\n{system}&lt;|im_end|&gt;\n&lt;|im_start|&gt;user\n{user}&lt;|im_end|&gt;\n&lt;|im_start|&gt;assistant\n</c>.
    /// </summary>
    /// <param name="system">The system message.</param>
    /// <param name="user">The user message.</param>
    /// <returns>The prompt text, special tokens as their literal text: tokenize it with special-token parsing on.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="system"/> or <paramref name="user"/> is <see langword="null"/>.</exception>
    public static string Render(string system, string user)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(user);
        return string.Concat(
            "<|im_start|>system\n", system, "<|im_end|>\n",
            "<|im_start|>user\n", user, "<|im_end|>\n",
            "<|im_start|>assistant\n");
    }
}
