using ScribeActors.Abstractions;
using ScribeActors.Agent;
using ScribeActors.Agent.Replay;

namespace ScribeActors.Grains.Workflows;

/// <summary>Adapts <see cref="ReplayPlanner"/> (pure) to <see cref="IStepSource"/>.</summary>
public sealed class ReplayStepSource(RecordedWorkflow recording) : IStepSource
{
    /// <inheritdoc />
    public Task<StepDecision> DecideAsync(StepContext context, CancellationToken cancellationToken)
    {
        // The last attempt at this step failed or was left undecided by an interruption: the page may show it took effect.
        var attempted = context.History.Count > 0
            && context.History[^1] is { SourceCursor: var last, Action: not null } previous && last == context.Cursor
            && previous.Outcome is not { Succeeded: true };
        var decision = ReplayPlanner.Next(recording, context.Cursor, context.Dom, attempted);
        return Task.FromResult(decision.Kind switch
        {
            ReplayDecisionKind.Act => new StepDecision(StepDecisionKind.Act, decision.Action, decision.Step, decision.Cursor + 1, Note: decision.Note),
            ReplayDecisionKind.Finish => new StepDecision(StepDecisionKind.Finish, null, decision.Step, decision.Cursor + 1, decision.Answer, Note: decision.Note),
            _ => new StepDecision(StepDecisionKind.Fail, null, null, decision.Cursor, Error: decision.Error),
        });
    }

    /// <inheritdoc />
    public bool IsTargetPresent(StepRecord step, DomIndex dom) =>
        step.SourceCursor is not { } cursor || ReplayPlanner.IsTargetPresent(recording, cursor, dom);

    /// <inheritdoc />
    public int CursorAfterReload(IReadOnlyList<StepRecord> history, int cursor, string url) =>
        ReplayPlanner.CursorAfterReload(history, cursor, url);
}
