using System.Text;
using LLama;
using LLama.Common;
using LLama.Native;
using LLama.Sampling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ScribeActors.Abstractions;

namespace ScribeActors.Inference;

/// <summary>
/// A local GGUF model run by LLamaSharp. All concurrent <see cref="GenerateAsync"/> calls are decoded together by one
/// loop (continuous batching with one <c>Conversation</c> each), with their own sampler, grammar, seed, limits and
/// cancellation. The context holds <see cref="ContextSize"/> × <see cref="ModelOptions.Sequences"/> tokens, so every
/// conversation gets <see cref="ContextSize"/> tokens whether the KV cache is unified (shared pool; a prompt plus its
/// output never exceeds <see cref="ContextSize"/>) or split evenly across sequences (<see cref="ModelOptions.UnifiedKvCache"/> off).
/// </summary>
public sealed partial class LlamaModel : ILoadedModel, IAsyncDisposable
{
    /// <summary>GGUF metadata key of the chat template.</summary>
    public const string ChatTemplateKey = "tokenizer.chat_template";

    private readonly LLamaWeights _weights;
    private readonly BatchedDecodeLoop _loop;
    private int _disposed;

    private LlamaModel(string modelId, LLamaWeights weights, ModelParams contextParams, ModelOptions options, ILogger logger)
    {
        ModelId = modelId;
        _weights = weights;
        ContextSize = options.ContextSize;
        Sequences = options.Sequences;
        TemplateName = ChooseTemplate(logger);
        _loop = new BatchedDecodeLoop(modelId, weights, contextParams, options.Sequences, logger);
    }

    /// <inheritdoc />
    public string ModelId { get; }

    /// <inheritdoc />
    public int ContextSize { get; }

    /// <summary>Most conversations decoded together.</summary>
    public int Sequences { get; }

    /// <inheritdoc />
    public string TemplateName { get; }

    /// <summary>
    /// Checks and loads a local model off the caller's thread. Throws <see cref="ArgumentException"/> for invalid
    /// options and <see cref="ModelLoadException"/> when the file is missing, truncated, not a GGUF, or llama.cpp
    /// rejects it. Configures the native library first (<see cref="LlamaNative.EnsureConfigured"/>) if nobody did.
    /// </summary>
    public static async Task<LlamaModel> LoadAsync(string modelId, ModelOptions options, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        ArgumentNullException.ThrowIfNull(options);
        var problems = ModelRegistryOptionsValidator.Validate(modelId, options);
        if (problems.Count > 0 || options.IsRemote)
        {
            throw new ArgumentException(options.IsRemote ? $"Model '{modelId}' is remote; use OpenAiCompatibleModel." : string.Join(" ", problems), nameof(options));
        }

        logger ??= NullLogger.Instance;
        LlamaNative.EnsureConfigured(logger);
        var path = System.IO.Path.GetFullPath(options.Path!);
        return await Task.Run(() => Load(modelId, path, options, logger), cancellationToken);
    }

    /// <inheritdoc />
    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length == 0 ? 0 : _weights.Tokenize(text, false, false, Encoding.UTF8).Length;
    }

    /// <inheritdoc />
    public string RenderChat(string system, string user)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(user);
        return TemplateName == ChatTemplates.Gguf ? RenderWithGgufTemplate(system, user) : ChatMl.Render(system, user);
    }

    /// <inheritdoc />
    public Task<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<GenerationResult>(cancellationToken);
        }

        var prompt = request.Prompt ?? RenderChat(request.System ?? string.Empty, request.User!);
        var tokens = _weights.Tokenize(prompt, true, true, Encoding.UTF8);
        if (tokens.Length == 0)
        {
            throw new ArgumentException("The prompt is empty (0 tokens).", nameof(request));
        }

        if (tokens.Length >= ContextSize)
        {
            throw new PromptTooLongException($"The prompt has {tokens.Length} tokens but model '{ModelId}' allows {ContextSize} per conversation (prompt + output); shorten it below {ContextSize}.")
            {
                PromptTokens = tokens.Length,
                ContextSize = ContextSize,
            };
        }

        if (request.Grammar is not null)
        {
            CheckGrammar(request.Grammar);
        }

        var pipeline = new DefaultSamplingPipeline
        {
            Temperature = request.Temperature,
            TopP = request.TopP,
            TopK = 40,
            MinP = 0.05f,
            Seed = request.Seed is { } seed ? unchecked((uint)seed) : (uint)Random.Shared.Next(),
            Grammar = request.Grammar is null ? null : new Grammar(request.Grammar, "root"),
        };
        var maxTokens = Math.Min(request.MaxTokens, ContextSize - tokens.Length);
        var pending = new PendingGeneration(tokens, maxTokens, request.Grammar is not null, request.StopStrings, pipeline, _weights, cancellationToken);
        _loop.Enqueue(pending);
        return pending.Task;
    }

    /// <summary>Stops the decode loop (pending requests fail with <see cref="ObjectDisposedException"/>) and frees the weights.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _loop.DisposeAsync();
        _weights.Dispose();
    }

    /// <summary>The llama.cpp parameters of a model file: one context of <see cref="ModelOptions.ContextSize"/> ×
    /// <see cref="ModelOptions.Sequences"/> tokens; the KV cache layout and flash attention resolved as
    /// <see cref="ModelOptions.UnifiedKvCache"/> and <see cref="ModelOptions.FlashAttention"/> say.</summary>
    internal static ModelParams Parameters(string path, ModelOptions options) => new(path)
    {
        ContextSize = checked((uint)(options.ContextSize * options.Sequences)),
        SeqMax = (uint)options.Sequences,
        KVUnified = options.UnifiedKvCache ?? options.GpuLayers > 0,
        FlashAttention = options.FlashAttention ?? (options.GpuLayers > 0 ? null : false),
        BatchSize = (uint)options.BatchSize,
        UBatchSize = (uint)Math.Min(options.BatchSize, 512),
        Threads = options.Threads,
        BatchThreads = options.Threads,
        GpuLayerCount = options.GpuLayers,
    };

    private static LlamaModel Load(string modelId, string path, ModelOptions options, ILogger logger)
    {
        if (GgufFile.Problem(path) is { } problem)
        {
            throw new ModelLoadException($"Model '{modelId}' cannot be loaded: {problem}");
        }

        var parameters = Parameters(path, options);

        LLamaWeights weights;
        try
        {
            weights = LLamaWeights.LoadFromFile(parameters);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ModelLoadException($"Model '{modelId}' cannot be loaded: llama.cpp rejected '{path}': {e.Message}", e);
        }

        try
        {
            var model = new LlamaModel(modelId, weights, parameters, options, logger);
            LogLoaded(logger, modelId, path, options.ContextSize, options.Sequences, model.TemplateName);
            return model;
        }
        catch (Exception e)
        {
            weights.Dispose();
            throw new ModelLoadException($"Model '{modelId}' loaded but its context could not be created: {e.Message}", e);
        }
    }

    private string ChooseTemplate(ILogger logger)
    {
        if (!_weights.Metadata.ContainsKey(ChatTemplateKey))
        {
            return ChatTemplates.ChatMl;
        }

        try
        {
            _ = RenderWithGgufTemplate("system", "user");
            return ChatTemplates.Gguf;
        }
#pragma warning disable CA1031 // Any failure of llama.cpp's template engine means: fall back to ChatML (logged).
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogTemplateUnsupported(logger, e, ModelId);
            return ChatTemplates.ChatMl;
        }
    }

    private string RenderWithGgufTemplate(string system, string user)
    {
        var template = new LLamaTemplate(_weights, strict: true) { AddAssistant = true };
        template.Add("system", system);
        template.Add("user", user);
        return Encoding.UTF8.GetString(template.Apply());
    }

    private void CheckGrammar(string gbnf)
    {
        if (!NativeGrammar.IsValid(_weights.NativeHandle, gbnf, "root"))
        {
            throw new ArgumentException($"{nameof(GenerationRequest.Grammar)} was rejected by llama.cpp: it must be valid GBNF with a rule named 'root', every referenced rule defined and no left recursion (the native log has the parser's message).", "request");
        }
    }

    [LoggerMessage(EventId = 1320, Level = LogLevel.Information, Message = "Loaded model {ModelId} from {Path} ({ContextSize} tokens x {Sequences} sequences, template {Template})")]
    private static partial void LogLoaded(ILogger logger, string modelId, string path, int contextSize, int sequences, string template);

    [LoggerMessage(EventId = 1321, Level = LogLevel.Warning, Message = "Model {ModelId} has a chat template llama.cpp cannot apply; using ChatML")]
    private static partial void LogTemplateUnsupported(ILogger logger, Exception exception, string modelId);
}
