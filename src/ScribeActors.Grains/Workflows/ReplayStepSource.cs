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
        var decision = ReplayPlanner.Next(recording, context.Cursor, context.Dom);
        return Task.FromResult(decision.Kind switch
        {
            ReplayDecisionKind.Act => new StepDecision(StepDecisionKind.Act, decision.Action, decision.Step, decision.Cursor + 1),
            ReplayDecisionKind.Finish => new StepDecision(StepDecisionKind.Finish, null, decision.Step, decision.Cursor + 1, decision.Answer),
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
