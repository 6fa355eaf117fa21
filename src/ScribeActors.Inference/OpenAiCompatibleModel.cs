using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ScribeActors.Abstractions;
using OpenAI;
using OpenAI.Chat;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AiChatRole = Microsoft.Extensions.AI.ChatRole;

namespace ScribeActors.Inference;

/// <summary>
/// A model behind an OpenAI-compatible <c>/v1/chat/completions</c> endpoint (vLLM, llama-server, OpenAI), reached through
/// Microsoft.Extensions.AI's <see cref="IChatClient"/>. Requests must carry <see cref="GenerationRequest.System"/>/<see
/// cref="GenerationRequest.User"/> (the server applies its own chat template). A grammar is sent as the extra request
/// field <c>grammar</c>: llama-server enforces it, other servers may ignore it, so callers must still parse defensively.
/// Each attempt is limited to <see cref="ModelOptions.RequestTimeout"/>; transient failures (refused connection, 408,
/// 429, 5xx, timeout) are retried up to <see cref="ModelOptions.MaxRetries"/> times with a short backoff.
/// <see cref="CountTokens"/> is an estimate (characters / 4, rounded up): the server's tokenizer is not available here.
/// </summary>
public sealed partial class OpenAiCompatibleModel : ILoadedModel, IAsyncDisposable
{
    private readonly IChatClient _client;
    private readonly ModelOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the client; nothing is sent until the first request. Throws <see cref="ArgumentException"/> for invalid options.</summary>
    public OpenAiCompatibleModel(string modelId, ModelOptions options, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        ArgumentNullException.ThrowIfNull(options);
        var problems = ModelRegistryOptionsValidator.Validate(modelId, options);
        if (problems.Count > 0 || !options.IsRemote)
        {
            throw new ArgumentException(options.IsRemote ? string.Join(" ", problems) : $"Model '{modelId}' has no Endpoint; use LlamaModel.", nameof(options));
        }

        ModelId = modelId;
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        Endpoint = new Uri(options.Endpoint!);
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = Endpoint,
            // Our own loop retries and times out each attempt; the SDK's defaults (3 retries, 100 s) would hide both.
            RetryPolicy = new ClientRetryPolicy(0),
            NetworkTimeout = options.RequestTimeout + TimeSpan.FromSeconds(30),
        };
        var chatClient = new ChatClient(options.RemoteModelName ?? modelId, new ApiKeyCredential(options.ApiKey ?? "none"), clientOptions);
        _client = chatClient.AsIChatClient();
    }

    /// <inheritdoc />
    public string ModelId { get; }

    /// <summary>The base URL requests go to.</summary>
    public Uri Endpoint { get; }

    /// <summary>The configured <see cref="ModelOptions.ContextSize"/> (the server's real limit may differ).</summary>
    public int ContextSize => _options.ContextSize;

    /// <summary>Always <see cref="ChatTemplates.Server"/>.</summary>
    public string TemplateName => ChatTemplates.Server;

    /// <summary>Estimate: characters / 4, rounded up (the server's tokenizer is unknown here).</summary>
    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return (text.Length + 3) / 4;
    }

    /// <summary>ChatML rendering, for budgeting only: the server applies its own template to the messages.</summary>
    public string RenderChat(string system, string user)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(user);
        return ChatMl.Render(system, user);
    }

    /// <inheritdoc />
    public async Task<GenerationResult> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        if (request.User is null)
        {
            throw new ArgumentException($"Remote model '{ModelId}' needs {nameof(GenerationRequest.User)} (and optionally {nameof(GenerationRequest.System)}): a rendered {nameof(GenerationRequest.Prompt)} cannot be sent to a chat endpoint.", nameof(request));
        }

        List<AiChatMessage> messages = [];
        if (!string.IsNullOrEmpty(request.System))
        {
            messages.Add(new AiChatMessage(AiChatRole.System, request.System));
        }

        messages.Add(new AiChatMessage(AiChatRole.User, request.User));
        var chatOptions = ToChatOptions(request);
        var attempts = _options.MaxRetries + 1;
        string? lastFailure = null;
        Exception? lastError = null;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.RequestTimeout);
            try
            {
                var response = await _client.GetResponseAsync(messages, chatOptions, timeout.Token);
                return ToResult(request, response, Stopwatch.GetElapsedTime(started));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e) when (Transient(e) is { } reason)
            {
                lastFailure = reason;
                lastError = e;
                LogAttemptFailed(_logger, ModelId, Endpoint, attempt, attempts, reason);
            }
            catch (ClientResultException e)
            {
                throw new RemoteModelException($"Model '{ModelId}' at {Endpoint} refused the request with HTTP {e.Status}: {e.Message}", e);
            }

            if (attempt < attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 100 * (1 << (attempt - 1)))), cancellationToken);
            }
        }

        throw new RemoteModelException($"Model '{ModelId}' at {Endpoint} failed after {attempts} attempt(s): {lastFailure}", lastError!);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private string? Transient(Exception e) => e switch
    {
        OperationCanceledException => $"no answer within {_options.RequestTimeout.TotalSeconds:0.###} s ({nameof(ModelOptions.RequestTimeout)})",
        HttpRequestException h => $"connection failed ({h.Message})",
        ClientResultException { Status: 0 } c => $"connection failed ({c.InnerException?.Message ?? c.Message})",
        ClientResultException { Status: 408 or 429 or >= 500 } c => $"HTTP {c.Status} ({c.Message})",
        _ => null,
    };

    private ChatOptions ToChatOptions(GenerationRequest request)
    {
        var options = new ChatOptions
        {
            Temperature = request.Temperature,
            TopP = request.TopP,
            MaxOutputTokens = request.MaxTokens,
            Seed = request.Seed,
            StopSequences = request.StopStrings?.ToList(),
        };
        options.RawRepresentationFactory = _ => ExtraFields(request);
        return options;
    }

#pragma warning disable SCME0001 // JsonPatch is marked experimental; it is the SDK's only way to add request fields it does not model.
    private static ChatCompletionOptions ExtraFields(GenerationRequest request)
    {
        var raw = new ChatCompletionOptions();

        // The SDK sends the limit as max_completion_tokens only; older llama-server builds read max_tokens.
        raw.Patch.Set("$.max_tokens"u8, request.MaxTokens);
        if (request.Grammar is { } grammar)
        {
            raw.Patch.Set("$.grammar"u8, grammar);
        }

        return raw;
    }
#pragma warning restore SCME0001

    private GenerationResult ToResult(GenerationRequest request, ChatResponse response, TimeSpan elapsed)
    {
        var text = response.Text;
        // Servers report "stop" both for end-of-sequence and for a stop string (which they strip), so those two are not told apart.
        var reason = response.FinishReason == Microsoft.Extensions.AI.ChatFinishReason.Length ? StopReasons.MaxTokens
            : request.Grammar is not null ? StopReasons.GrammarEnd
            : StopReasons.Eos;
        var promptTokens = response.Usage?.InputTokenCount is { } input ? (int)input : CountTokens((request.System ?? string.Empty) + request.User);
        var outputTokens = response.Usage?.OutputTokenCount is { } output ? (int)output : CountTokens(text);
        return new GenerationResult(text, promptTokens, outputTokens, TimeSpan.Zero, elapsed, TimeSpan.Zero, reason);
    }

    [LoggerMessage(EventId = 1340, Level = LogLevel.Warning, Message = "Model {ModelId} at {Endpoint}: attempt {Attempt}/{Attempts} failed: {Reason}")]
    private static partial void LogAttemptFailed(ILogger logger, string modelId, Uri endpoint, int attempt, int attempts, string reason);
}
