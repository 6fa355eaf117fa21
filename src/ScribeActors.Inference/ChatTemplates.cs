namespace ScribeActors.Inference;

/// <summary>Names of the chat templates <see cref="ILoadedModel.RenderChat"/> may use, and the ChatML fallback.</summary>
public static class ChatTemplates
{
    /// <summary>The template stored in the GGUF (<c>tokenizer.chat_template</c>), applied by llama.cpp.</summary>
    public const string Gguf = "gguf";

    /// <summary>ChatML, used when the GGUF has no template (or llama.cpp does not support the one it has).</summary>
    public const string ChatMl = "chatml";

    /// <summary>A remote server applies its own template; <see cref="ILoadedModel.RenderChat"/> renders ChatML only for budgeting.</summary>
    public const string Server = "server";

    /// <summary>Renders one system + user turn and opens the assistant turn in ChatML.</summary>
    public static string RenderChatMl(string system, string user) =>
        $"<|im_start|>system\n{system}<|im_end|>\n<|im_start|>user\n{user}<|im_end|>\n<|im_start|>assistant\n";
}
