using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ScribeActors.Inference;

/// <summary>
/// Owns the models of this process (one per silo, registered as a singleton): each configured model is loaded at most
/// once, in the background, on first use; concurrent callers share that load. A model that fails to load is reported as
/// <see cref="ModelLoadStatus.Failed"/> with the reason, the host keeps serving its other models, and the next
/// <see cref="GetOrLoadAsync"/> for it tries again.
/// </summary>
public sealed partial class ModelHost : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly ModelRegistryOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly IHttpClientFactory _httpClients;
    private readonly CancellationTokenSource _disposing = new();
    private bool _disposed;

    /// <summary>
    /// Creates the host and configures the native library (<see cref="LlamaNative.EnsureConfigured"/>). Remote models
    /// send their requests through <paramref name="httpClients"/>' remote-model client, which retries and times out
    /// each attempt (registered by <see cref="InferenceServiceCollectionExtensions.AddScribeInference"/>). Throws
    /// <see cref="OptionsValidationException"/> when the options are invalid.
    /// </summary>
    public ModelHost(IOptions<ModelRegistryOptions> options, ILoggerFactory loggerFactory, IHttpClientFactory httpClients)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        ArgumentNullException.ThrowIfNull(httpClients);
        _options = options.Value;
        var result = new ModelRegistryOptionsValidator().Validate(null, _options);
        if (result.Failed)
        {
            throw new OptionsValidationException(ModelRegistryOptions.SectionName, typeof(ModelRegistryOptions), result.Failures);
        }

        _loggerFactory = loggerFactory;
        _httpClients = httpClients;
        _logger = loggerFactory.CreateLogger<ModelHost>();
        LlamaNative.EnsureConfigured(loggerFactory.CreateLogger("LLama.Native"), _options.NativeLibraryPath);
    }

    /// <summary>The prefix of a model id that names a GGUF file by absolute path instead of a configured model.</summary>
    public const string FilePrefix = "file:";

    /// <summary>Ids of the configured models.</summary>
    public IReadOnlyCollection<string> ModelIds => _options.Models.Keys;

    /// <summary>Ids of the models this host has loaded (or is loading): empty on a silo that never served a model.</summary>
    public IReadOnlyCollection<string> LoadedModelIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries.Keys];
            }
        }
    }

    /// <summary>Starts loading <paramref name="modelId"/> in the background if nobody asked for it yet, and returns
    /// its state at once. Never throws for a load failure (the state says it); throws <see cref="ArgumentException"/>
    /// for an unknown id.</summary>
    public ModelState StartLoading(string modelId)
    {
        var state = GetState(modelId);
        if (state.Status != ModelLoadStatus.NotLoaded)
        {
            return state; // a failed load is tried again by the next request, not by a status query
        }

        var load = GetOrLoadAsync(modelId, CancellationToken.None);
        load.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return GetState(modelId);
    }

    /// <summary>The configured settings of <paramref name="modelId"/>; throws <see cref="ArgumentException"/> for an unknown id.</summary>
    public ModelOptions GetOptions(string modelId) => Find(modelId).Options;

    /// <summary>Readiness of <paramref name="modelId"/>; throws <see cref="ArgumentException"/> naming the known ids for an unknown one.</summary>
    public ModelState GetState(string modelId)
    {
        modelId = Find(modelId).Id;
        lock (_gate)
        {
            if (!_entries.TryGetValue(modelId, out var entry))
            {
                return new ModelState(modelId, ModelLoadStatus.NotLoaded);
            }

            var load = entry.Load;
            return load.Status switch
            {
                TaskStatus.RanToCompletion => new ModelState(modelId, ModelLoadStatus.Ready) { ContextSize = load.Result.ContextSize, TemplateName = load.Result.TemplateName },
                TaskStatus.Faulted => new ModelState(modelId, ModelLoadStatus.Failed, load.Exception!.InnerException!.Message),
                TaskStatus.Canceled => new ModelState(modelId, ModelLoadStatus.Failed, "The load was cancelled because the host is shutting down."),
                _ => new ModelState(modelId, ModelLoadStatus.Loading),
            };
        }
    }

    /// <summary>
    /// Returns the loaded model, starting its load if needed (or again, after a failure). <paramref name="cancellationToken"/>
    /// stops only this caller's wait, never the shared load. Throws <see cref="ArgumentException"/> for an unknown id,
    /// <see cref="ModelLoadException"/> with the reason when loading fails, <see cref="ObjectDisposedException"/> after disposal.
    /// </summary>
    public Task<ILoadedModel> GetOrLoadAsync(string modelId, CancellationToken cancellationToken)
    {
        (modelId, var options) = Find(modelId);
        Task<ILoadedModel> load;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_entries.TryGetValue(modelId, out var entry) || entry.Load.IsFaulted || entry.Load.IsCanceled)
            {
                entry = new Entry(LoadAsync(modelId, options));
                _entries[modelId] = entry;
            }

            load = entry.Load;
        }

        return load.WaitAsync(cancellationToken);
    }

    /// <summary>Disposes every loaded model (their pending requests fail with <see cref="ObjectDisposedException"/>), waiting for loads in flight.</summary>
    public async ValueTask DisposeAsync()
    {
        Entry[] entries;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            entries = [.. _entries.Values];
            _entries.Clear();
        }

        await _disposing.CancelAsync();
        foreach (var entry in entries)
        {
            try
            {
                if (await entry.Load is IAsyncDisposable model)
                {
                    await model.DisposeAsync();
                }
            }
#pragma warning disable CA1031 // A failed or cancelled load has nothing to dispose.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        _disposing.Dispose();
    }

    private async Task<ILoadedModel> LoadAsync(string modelId, ModelOptions options)
    {
        await Task.Yield();
        try
        {
            if (options.IsRemote)
            {
                return new OpenAiCompatibleModel(modelId, options, _httpClients.CreateClient(RemoteModelHttp.ClientName));
            }

            var logger = _loggerFactory.CreateLogger($"{typeof(ModelHost).Namespace}.Model.{modelId}");
            var model = await LlamaModel.LoadAsync(modelId, options, logger, _disposing.Token);
            if (_disposing.IsCancellationRequested)
            {
                await model.DisposeAsync();
                throw new OperationCanceledException(_disposing.Token);
            }

            return model;
        }
        catch (ModelLoadException e)
        {
            LogLoadFailed(_logger, modelId, e.Message);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogLoadFailed(_logger, modelId, e.Message);
            throw new ModelLoadException($"Model '{modelId}' cannot be loaded: {e.Message}", e);
        }
    }

    private (string Id, ModelOptions Options) Find(string modelId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        var match = _options.Models.FirstOrDefault(m => string.Equals(m.Key, modelId, StringComparison.OrdinalIgnoreCase));
        if (match.Value is not null)
        {
            return (match.Key, match.Value);
        }

        if (modelId.StartsWith(FilePrefix, StringComparison.Ordinal))
        {
            // A model named by path (`scribe start --model-path`): the file's own checks run at load; settings are
            // ModelOptions' defaults, at the context the model was trained for.
            var path = modelId[FilePrefix.Length..];
            if (!Path.IsPathFullyQualified(path))
            {
                throw new ArgumentException($"Model id '{modelId}' must name an absolute GGUF path after '{FilePrefix}'.", nameof(modelId));
            }

            return (modelId, ModelOptions.ForFile(path));
        }

        throw new ArgumentException($"Unknown model '{modelId}': configure it under {ModelRegistryOptions.SectionName}:{modelId} (configured: {(_options.Models.Count == 0 ? "none" : string.Join(", ", _options.Models.Keys))}), or name a GGUF as '{FilePrefix}/absolute/path.gguf'.", nameof(modelId));
    }

    [LoggerMessage(EventId = 1330, Level = LogLevel.Error, Message = "Loading model {ModelId} failed: {Reason}")]
    private static partial void LogLoadFailed(ILogger logger, string modelId, string reason);

    private sealed record Entry(Task<ILoadedModel> Load);
}
