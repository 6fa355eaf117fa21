namespace ScribeActors.Inference;

/// <summary>Names of the chat templates <see cref="ILoadedModel.RenderChat"/> may use; ChatML itself is <see cref="Abstractions.ChatMl"/>.</summary>
public static class ChatTemplates
{
    /// <summary>The template stored in the GGUF (<c>tokenizer.chat_template</c>), applied by llama.cpp.</summary>
    public const string Gguf = "gguf";

    /// <summary>ChatML (<see cref="Abstractions.ChatMl"/>), used when the GGUF has no template (or llama.cpp does not support the one it has).</summary>
    public const string ChatMl = Abstractions.ChatMl.Name;

    /// <summary>A remote server applies its own template; <see cref="ILoadedModel.RenderChat"/> renders ChatML only for budgeting.</summary>
    public const string Server = "server";
}
