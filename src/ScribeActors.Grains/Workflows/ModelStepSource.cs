using ScribeActors.Abstractions;
using ScribeActors.Agent;
using ScribeActors.Agent.Recovery;

namespace ScribeActors.Grains.Workflows;

/// <summary>
/// The LLM step source: the observation, objective and history go to the model's <see cref="IInferenceGrain"/> (which
/// prunes, fits, prompts, decodes under the observation's grammar, parses and validates); the validated step is mapped
/// to a browser action here. A step the model cannot produce fails the decision with the model's reason, which the
/// workflow retries a bounded number of times and then records as its failure — never a guessed action.
/// </summary>
public sealed class ModelStepSource(ModelRef model, IGrainFactory grains) : IStepSource
{
    /// <summary>The model this source asks.</summary>
    public ModelRef Model => model;

    /// <inheritdoc />
    public Task<StepDecision> DecideAsync(StepContext context, CancellationToken cancellationToken) =>
        DecideAsync(context, reason: null, allowFinish: true, cancellationToken);

    /// <summary>Decides with a <paramref name="reason"/> for the record (for example a replay target that was not found);
    /// <paramref name="allowFinish"/> false keeps the model from ending the workflow (it stands in for one step).</summary>
    public async Task<StepDecision> DecideAsync(StepContext context, string? reason, bool allowFinish, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var history = PerformedSteps(context.History);
        var request = new NextStepRequest
        {
            Objective = context.Spec.Objective,
            Url = context.Observation.Url,
            Dom = context.Observation.Dom,
            History = [.. history],

            // Another seed for every step taken (failed ones too): a page the model failed on gets a fresh sample.
            Options = (model.Options ?? new()) with { Seed = unchecked((model.Options ?? new()).Seed + context.History.Count) },
            Reason = reason,
            AllowFinish = allowFinish && (model.Options ?? new()).AllowFinish,
        };

        NextStepResult result;
        try
        {
            result = await grains.GetGrain<IInferenceGrain>(model.ModelId).NextStepAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new StepDecision(StepDecisionKind.Fail, null, null, context.Cursor,
                Error: $"Asking model '{model.ModelId}' for step {history.Count + 1} failed: {e.GetType().Name}: {e.Message}");
        }

        if (!result.Succeeded)
        {
            return new StepDecision(StepDecisionKind.Fail, null, null, context.Cursor,
                Error: $"Model '{model.ModelId}' gave no valid step {history.Count + 1}: {result.Error}", Inference: result.Inference, Prompt: result.Prompt);
        }

        // The grain returns the step with what it means for the browser (mapped once, where it was validated).
        var step = result.Step!;
        var mapping = result.Mapping!;
        return mapping.IsFinish
            ? new StepDecision(StepDecisionKind.Finish, null, step, context.Cursor + 1, mapping.Answer, Note: NoteFor(reason), Inference: result.Inference, Prompt: result.Prompt)
            : new StepDecision(StepDecisionKind.Act, mapping.Action, step, context.Cursor + 1, Note: NoteFor(reason), Inference: result.Inference, Prompt: result.Prompt);
    }

    /// <summary>The target of a model step is present when the page has an element with its node id and the tag name
    /// of the recorded Target (ids are positions in a page, so the tag guards against a different page).</summary>
    public bool IsTargetPresent(StepRecord step, DomIndex dom)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(dom);
        if (step.Action?.NodeId is not { } node || dom.Find(node) is not { } element)
        {
            return false;
        }

        return step.DecidedStep() is not { Target: not null } recorded
            || string.Equals(ActionMapper.TagName(recorded.Target), element.LocalName, StringComparison.OrdinalIgnoreCase);
    }

    /// <inheritdoc />
    public int CursorAfterReload(IReadOnlyList<StepRecord> history, int cursor, string url) => cursor;

    /// <summary>The steps that took effect, as ScribeAgent blocks numbered 1..n: the history the model reads.</summary>
    public static IReadOnlyList<ScribeStep> PerformedSteps(IReadOnlyList<StepRecord> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var steps = new List<ScribeStep>();
        foreach (var record in history)
        {
            if (record.Action is null || record.Outcome is not { } outcome || record.DecidedStep() is not { } step)
            {
                continue;
            }

            if (!outcome.Succeeded && !SlowNavigationRule.TookEffect(outcome, record.UrlBefore))
            {
                continue;
            }

            steps.Add(step with { Number = steps.Count + 1 });
        }

        return steps;
    }

    private static string? NoteFor(string? reason) => reason is null ? null : $"{reason}; the model chose this step.";
}
