using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ScribeActors.Abstractions;
using ScribeActors.Agent;
using ScribeActors.Agent.Planning;
using ScribeActors.Grains.Placement;
using Orleans.Concurrency;
using ScribeActors.Inference;

namespace ScribeActors.Grains.Inference;

/// <summary>
/// One model on one capable silo (key: model id). Reentrant: every workflow's request enters at once and the model host
/// decodes them together in one batch. The model is loaded by the silo's <see cref="ModelHost"/>, started (not awaited)
/// on activation; a model that cannot load turns every request into a result with the load error, and the silo stays up.
/// The ScribeAgent work itself (prune, fit, prompt, grammar, parse, validate) is <see cref="ModelStepPlanner"/>'s and runs
/// on the thread pool, off this activation's scheduler.
/// </summary>
[Reentrant]
[RequireModelCapability]
public sealed partial class InferenceGrain(ModelHost host, ILocalSiloDetails silo, ILogger<InferenceGrain> logger) : Grain, IInferenceGrain
{
    private long _served;

    private string ModelId => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _ = TryStartLoading(); // never awaited here: loading is the host's background work
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<ModelStatus> GetStatusAsync()
    {
        var state = TryStartLoading();
        return Task.FromResult(new ModelStatus
        {
            ModelId = ModelId,
            Readiness = state.Status switch
            {
                ModelLoadStatus.Ready => ModelReadiness.Ready,
                ModelLoadStatus.Loading => ModelReadiness.Loading,
                ModelLoadStatus.Failed => ModelReadiness.Failed,
                _ => ModelReadiness.NotLoaded,
            },
            Error = state.FailureReason,
            Silo = silo.SiloAddress.ToString(),
            ContextSize = state.ContextSize,
            Template = state.TemplateName,
            StepsServed = Interlocked.Read(ref _served),
        });
    }

    /// <inheritdoc />
    public async Task<NextStepResult> NextStepAsync(NextStepRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var queued = InferenceTelemetry.Enter(ModelId);
        var clock = Stopwatch.StartNew();
        var record = new StepInference { ModelId = ModelId, Silo = silo.SiloAddress.ToString() };
        var invalid = (request.Options ?? new()).Validate();
        if (invalid.Count > 0)
        {
            return new NextStepResult { Error = "Invalid model options: " + string.Join(" ", invalid), Inference = record };
        }

        ILoadedModel model;
        try
        {
            model = await host.GetOrLoadAsync(ModelId, cancellationToken);
        }
        catch (Exception e) when (e is ModelLoadException or ArgumentException)
        {
            LogLoadFailed(ModelId, e.Message);
            return new NextStepResult { Error = $"Model '{ModelId}' cannot be used on silo {silo.SiloAddress}: {e.Message}", Inference = record };
        }

        var options = request.Options ?? new();
        var settings = new PlanSettings(options.Fitter, options.MaxOutputTokens, options.Temperature, options.TopP, options.Seed, options.NodeRepeat, options.MaxInvalidRetries, request.AllowFinish, options.TypedTextFromObjective, options.DescriptionForm);
        var plan = new PlanRequest(request.Objective, request.Url, request.Dom, request.History, settings);
        var generator = new LoadedModelGenerator(model);
        PlannedStep planned;
        try
        {
            planned = await Task.Run(() => ModelStepPlanner.PlanAsync(plan, generator, cancellationToken), cancellationToken);
        }
        catch (Exception e) when (e is PromptTooLongException or RemoteModelException or ArgumentException)
        {
            return new NextStepResult { Error = e.Message, Inference = record with { TotalMs = clock.Elapsed.TotalMilliseconds } };
        }

        Interlocked.Increment(ref _served);
        record = planned.ToRecord(ModelId, model.TemplateName, record.Silo, clock.Elapsed);
        InferenceTelemetry.Record(record);
        return new NextStepResult { Step = planned.Step, Mapping = planned.Mapping, Error = planned.Error, Inference = record, Prompt = planned.Prompt };
    }

    private ModelState TryStartLoading()
    {
        try
        {
            return host.StartLoading(ModelId);
        }
        catch (ArgumentException e)
        {
            return new ModelState(ModelId, ModelLoadStatus.Failed, e.Message);
        }
    }

    [LoggerMessage(EventId = 1350, Level = LogLevel.Warning, Message = "Model {ModelId} cannot be loaded: {Reason}")]
    private partial void LogLoadFailed(string modelId, string reason);
}
