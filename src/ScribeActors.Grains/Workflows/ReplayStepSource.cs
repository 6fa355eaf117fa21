using ScribeActors.Abstractions;
using ScribeActors.Agent;
using ScribeActors.Agent.Replay;

namespace ScribeActors.Grains.Workflows;

/// <summary>
/// Adapts <see cref="ReplayPlanner"/> (pure) to <see cref="IStepSource"/>. With a <paramref name="fallback"/> model the
/// replay heals itself: when a recorded step cannot be performed on the page (its target is not found, say), the model
/// is asked for a step instead, and a step it performs counts as the recorded one (the cursor moves past it).
/// </summary>
public sealed class ReplayStepSource(RecordedWorkflow recording, ModelStepSource? fallback = null) : IStepSource
{
    /// <summary>Whether a model stands by to heal steps (and to take over from a recording that goes round in circles).</summary>
    public bool Heals => fallback is not null;

    /// <inheritdoc />
    public async Task<StepDecision> DecideAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.HandOver is { } stuck && fallback is not null)
        {
            // The recorded steps loop (a cursor rewound again and again): the model decides this one, which then counts
            // as the recorded step, as when healing.
            var why = $"Replay handed step {context.Cursor + 1} over to the model ({stuck})";
            var handed = await fallback.DecideAsync(context, why, allowFinish: LastIsFinish(context.Cursor), cancellationToken);
            return handed.Kind == StepDecisionKind.Fail
                ? handed with { Error = $"{stuck} The fallback model gave no step either: {handed.Error}" }
                : handed with { NextCursor = context.Cursor + 1 };
        }

        // The last attempt at this step failed or was left undecided by an interruption: the page may show it took effect.
        var attempted = context.History.Count > 0
            && context.History[^1] is { SourceCursor: var last, Action: not null } previous && last == context.Cursor
            && previous.Outcome is not { Succeeded: true };
        var decision = ReplayPlanner.Next(recording, context.Cursor, context.Dom, attempted);
        switch (decision.Kind)
        {
            case ReplayDecisionKind.Act:
                return new StepDecision(StepDecisionKind.Act, decision.Action, decision.Step, decision.Cursor + 1, Note: decision.Note);
            case ReplayDecisionKind.Finish:
                return new StepDecision(StepDecisionKind.Finish, null, decision.Step, decision.Cursor + 1, decision.Answer, Note: decision.Note);
        }

        if (fallback is null)
        {
            return new StepDecision(StepDecisionKind.Fail, null, null, decision.Cursor, Error: decision.Error);
        }

        var reason = $"Recorded step {decision.Cursor + 1} could not be replayed ({decision.Error})";
        var healed = await fallback.DecideAsync(context with { Cursor = decision.Cursor }, reason, allowFinish: LastIsFinish(decision.Cursor), cancellationToken);
        return healed.Kind == StepDecisionKind.Fail
            ? healed with { Error = $"{decision.Error} The fallback model gave no step either: {healed.Error}" }
            : healed with { NextCursor = decision.Cursor + 1 };
    }

    /// <inheritdoc />
    public bool IsTargetPresent(StepRecord step, DomIndex dom)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.Inference is not null && fallback is not null)
        {
            return fallback.IsTargetPresent(step, dom); // a step the model chose: its target is a node, not a recorded one
        }

        return step.SourceCursor is not { } cursor || ReplayPlanner.IsTargetPresent(recording, cursor, dom);
    }

    private bool LastIsFinish(int cursor) => cursor == recording.Steps.Length - 1 && recording.Steps[^1].Action == StepActions.Finish;

    /// <inheritdoc />
    public int CursorAfterReload(IReadOnlyList<StepRecord> history, int cursor, string url) =>
        ReplayPlanner.CursorAfterReload(history, cursor, url);
}
