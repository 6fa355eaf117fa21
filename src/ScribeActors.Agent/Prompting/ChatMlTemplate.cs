using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Prompting;

/// <summary>
/// ChatML as an <see cref="IChatTemplate"/>: the template of Qwen2/Qwen2.5 (the ScribeAgent base models,
/// scribeagent-format.md §4). Rendering is <see cref="ChatMl.Render"/>, shared with the model adapters; its remarks say
/// how message text that contains turn markers is treated.
/// </summary>
public sealed class ChatMlTemplate : IChatTemplate
{
    /// <summary>The shared instance (the template has no state).</summary>
    public static ChatMlTemplate Instance { get; } = new();

    /// <inheritdoc />
    public string Name => ChatMl.Name;

    /// <inheritdoc />
    public string Render(string system, string user) => ChatMl.Render(system, user);
}
