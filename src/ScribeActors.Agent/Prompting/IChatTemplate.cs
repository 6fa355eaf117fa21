namespace ScribeActors.Agent.Prompting;

/// <summary>Renders a system and a user message into the text a causal language model reads, ending with the opening of
/// the assistant turn (Hugging Face's <c>add_generation_prompt=True</c>), so generation continues with the answer.</summary>
public interface IChatTemplate
{
    /// <summary>A short name for logs and diagnostics, for example <c>chatml</c>.</summary>
    string Name { get; }

    /// <summary>Renders one system message and one user message followed by the opening of the assistant turn.</summary>
    /// <param name="system">The system message.</param>
    /// <param name="user">The user message.</param>
    /// <returns>The prompt text; special tokens appear as their literal text (for example <c>&lt;|im_start|&gt;</c>), so
    /// tokenize it with special-token parsing on.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="system"/> or <paramref name="user"/> is <see langword="null"/>.</exception>
    string Render(string system, string user);
}
