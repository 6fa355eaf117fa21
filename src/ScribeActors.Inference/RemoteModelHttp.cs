using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace ScribeActors.Inference;

/// <summary>
/// The HTTP client of remote models: a named <see cref="IHttpClientFactory"/> client whose resilience handler holds one
/// pipeline per model (the request's <see cref="ModelIdKey"/> picks it), built from that model's <see cref="ModelOptions"/>.
/// Each attempt, answer body included, is limited to <see cref="ModelOptions.RequestTimeout"/>; transient failures
/// (refused connection, attempt timeout, 408, 429, 5xx: the library's predicate) are retried up to
/// <see cref="ModelOptions.MaxRetries"/> times after the server's <c>Retry-After</c> or else an exponential backoff with
/// jitter (about 100 ms, 200 ms, … at most 2 s). Retries are logged and measured by the library's telemetry under
/// <see cref="PipelineName"/>, instance = model id. A workflow's own step retries are separate: they are durable state.
/// </summary>
internal static class RemoteModelHttp
{
    /// <summary>The named client (<see cref="IHttpClientFactory.CreateClient(string)"/>).</summary>
    public const string ClientName = "ScribeActors.Inference.RemoteModel";

    /// <summary>The resilience pipeline's name in telemetry.</summary>
    public const string PipelineName = "scribe-remote-model";

    /// <summary>The id of the model a request is for; set by <see cref="RemoteModelTransport"/>, selects the pipeline.</summary>
    public static readonly HttpRequestOptionsKey<string> ModelIdKey = new("ScribeActors.Inference.ModelId");

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);

    // The timeout strategy accepts 10 ms to 1 day; ModelOptions only asks for a positive RequestTimeout.
    private static readonly TimeSpan ShortestTimeout = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestTimeout = TimeSpan.FromDays(1);

    /// <summary>Registers the named client; the pipelines are built on a model's first request.</summary>
    public static void AddRemoteModelHttpClient(this IServiceCollection services)
    {
        // No overall HttpClient timeout: every attempt has its own, and the caller's token bounds the whole.
        var client = services.AddHttpClient(ClientName, static c => c.Timeout = Timeout.InfiniteTimeSpan);
        client.AddResilienceHandler(PipelineName, static (pipeline, context) => Configure(pipeline, ModelOptionsOf(context)))
            .SelectPipelineBy(static _ => static request => request.Options.TryGetValue(ModelIdKey, out var modelId) ? modelId : string.Empty);

        // Inside the resilience handler, so the attempt timeout also covers reading the body (the OpenAI SDK only asks
        // for the headers, then reads the body outside this handler).
        client.AddHttpMessageHandler(static () => new ResponseBufferingHandler());
    }

    /// <summary>Adds the retry (when <see cref="ModelOptions.MaxRetries"/> &gt; 0) and the attempt timeout.</summary>
    internal static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ModelOptions options)
    {
        if (options.MaxRetries > 0)
        {
            // ShouldHandle (transient failures) and ShouldRetryAfterHeader (true) keep the library's defaults.
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = FirstBackoff,
                MaxDelay = MaxBackoff, // caps the backoff only, never a Retry-After
            });
        }

        pipeline.AddTimeout(new HttpTimeoutStrategyOptions
        {
            Timeout = TimeSpan.FromTicks(Math.Clamp(options.RequestTimeout.Ticks, ShortestTimeout.Ticks, LongestTimeout.Ticks)),
        });
    }

    private static ModelOptions ModelOptionsOf(ResilienceHandlerContext context)
    {
        var modelId = context.InstanceName;
        var models = context.ServiceProvider.GetRequiredService<IOptions<ModelRegistryOptions>>().Value.Models;
        var match = models.FirstOrDefault(m => string.Equals(m.Key, modelId, StringComparison.OrdinalIgnoreCase)).Value;
        return match is { IsRemote: true }
            ? match
            : throw new InvalidOperationException($"No remote model '{modelId}' under {ModelRegistryOptions.SectionName}: the {ClientName} HTTP client takes a model's retries and timeout from there.");
    }
}
