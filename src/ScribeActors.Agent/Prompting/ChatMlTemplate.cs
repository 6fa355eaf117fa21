namespace ScribeActors.Agent.Prompting;

/// <summary>
/// The ChatML template of Qwen2/Qwen2.5 (the ScribeAgent base models, scribeagent-format.md §4):
/// <c>&lt;|im_start|&gt;system\n{system}&lt;|im_end|&gt;\n&lt;|im_start|&gt;user\n{user}&lt;|im_end|&gt;\n&lt;|im_start|&gt;assistant\n</c>.
/// </summary>
/// <remarks>
/// Messages are inserted verbatim. A message that itself contains <c>&lt;|im_end|&gt;</c> or <c>&lt;|im_start|&gt;</c>
/// (a page quoting them) becomes a turn marker when the text is tokenized with special tokens parsed; the reference has
/// the same exposure. This class neither escapes nor rejects such text: the tokenizer decides.
/// </remarks>
public sealed class ChatMlTemplate : IChatTemplate
{
    /// <summary>The shared instance (the template has no state).</summary>
    public static ChatMlTemplate Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "chatml";

    /// <inheritdoc />
    public string Render(string system, string user)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(user);
        return string.Concat(
            "<|im_start|>system\n", system, "<|im_end|>\n",
            "<|im_start|>user\n", user, "<|im_end|>\n",
            "<|im_start|>assistant\n");
    }
}
