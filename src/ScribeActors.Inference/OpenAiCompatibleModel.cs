using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using Polly.Timeout;
using ScribeActors.Abstractions;
using AiChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AiChatRole = Microsoft.Extensions.AI.ChatRole;

namespace ScribeActors.Inference;

/// <summary>
/// A model behind an OpenAI-compatible <c>/v1/chat/completions</c> endpoint (vLLM, llama-server, OpenAI), reached through
/// Microsoft.Extensions.AI's <see cref="IChatClient"/>. Requests must carry <see cref="GenerationRequest.System"/>/<see
/// cref="GenerationRequest.User"/> (the server applies its own chat template). A grammar is sent as the extra request
/// field <c>grammar</c>: llama-server enforces it, other servers may ignore it, so callers must still parse defensively.
/// Each attempt is limited to <see cref="ModelOptions.RequestTimeout"/> and transient failures (refused connection, 408,
/// 429, 5xx, timeout) are retried up to <see cref="ModelOptions.MaxRetries"/> times, honouring <c>Retry-After</c>: the
/// resilience handler of the HTTP client <see cref="ModelHost"/> passes in does that (<see cref="RemoteModelHttp"/>).
/// <see cref="CountTokens"/> is an estimate (characters / 4, rounded up): the server's tokenizer is not available here.
/// </summary>
public sealed class OpenAiCompatibleModel : ILoadedModel, IAsyncDisposable
{
    private readonly IChatClient _client;
    private readonly ModelOptions _options;

    /// <summary>
    /// Creates the client; nothing is sent until the first request. Requests go through <paramref name="httpClient"/>,
    /// marked with <paramref name="modelId"/>: retries and attempt timeouts are its handlers' job, so pass the client
    /// <see cref="InferenceServiceCollectionExtensions.AddScribeInference"/> registers (as <see cref="ModelHost"/> does),
    /// configured with these <paramref name="options"/> under <paramref name="modelId"/>. Throws
    /// <see cref="ArgumentException"/> for invalid options.
    /// </summary>
    public OpenAiCompatibleModel(string modelId, ModelOptions options, HttpClient httpClient)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClient);
        var problems = ModelRegistryOptionsValidator.Validate(modelId, options);
        if (problems.Count > 0 || !options.IsRemote)
        {
            throw new ArgumentException(options.IsRemote ? string.Join(" ", problems) : $"Model '{modelId}' has no Endpoint; use LlamaModel.", nameof(options));
        }

        ModelId = modelId;
        _options = options;
        Endpoint = new Uri(options.Endpoint!);
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = Endpoint,
            Transport = new RemoteModelTransport(httpClient, modelId),
            // The HTTP client's pipeline retries and times out each attempt; the SDK's own defaults (3 retries, 100 s
            // for the whole exchange) would hide both.
            RetryPolicy = new ClientRetryPolicy(0),
            NetworkTimeout = Timeout.InfiniteTimeSpan,
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
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await _client.GetResponseAsync(messages, chatOptions, cancellationToken);
            return ToResult(request, response, Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (Transient(e) is { } reason)
        {
            // Only the last failure gets here: the HTTP client's pipeline retried the ones before it.
            throw new RemoteModelException($"Model '{ModelId}' at {Endpoint} failed after {_options.MaxRetries + 1} attempt(s): {reason}", e);
        }
        catch (ClientResultException e)
        {
            throw new RemoteModelException($"Model '{ModelId}' at {Endpoint} refused the request with HTTP {e.Status}: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private string? Transient(Exception e) => e switch
    {
        TimeoutRejectedException or ClientResultException { InnerException: TimeoutRejectedException } or OperationCanceledException
            => $"no answer within {_options.RequestTimeout.TotalSeconds:0.###} s ({nameof(ModelOptions.RequestTimeout)})",
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
}
