namespace ScribeActors.Inference;

/// <summary>A model ready to generate: a local GGUF (<see cref="LlamaModel"/>) or a remote endpoint (<see cref="OpenAiCompatibleModel"/>).</summary>
public interface ILoadedModel
{
    /// <summary>The id under <c>Scribe:Models</c>.</summary>
    string ModelId { get; }

    /// <summary>Tokens one conversation may use (prompt + output).</summary>
    int ContextSize { get; }

    /// <summary>Which chat template <see cref="RenderChat"/> uses: one of <see cref="ChatTemplates"/>.</summary>
    string TemplateName { get; }

    /// <summary>Tokens in <paramref name="text"/> without BOS or special-token parsing (remote models: an estimate).</summary>
    int CountTokens(string text);

    /// <summary>A system + user turn followed by the start of the assistant turn, in the model's chat format.</summary>
    string RenderChat(string system, string user);

    /// <summary>
    /// Generates text for <paramref name="request"/>. Many concurrent calls are fine (local models decode them together).
    /// Throws <see cref="ArgumentException"/> for an invalid request, <see cref="PromptTooLongException"/> when the prompt
    /// does not fit the context, <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires
    /// (only this request stops), <see cref="ObjectDisposedException"/> when the model is disposed meanwhile, and
    /// <see cref="RemoteModelException"/> when a remote endpoint fails after its retries.
    /// </summary>
    Task<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken);
}
