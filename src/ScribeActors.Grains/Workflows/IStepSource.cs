using ScribeActors.Abstractions;
using ScribeActors.Agent;

namespace ScribeActors.Grains.Workflows;

/// <summary>Answers "what is the next step, given this observation and history".</summary>
public interface IStepSource
{
    /// <summary>Decides the next step.</summary>
    Task<StepDecision> DecideAsync(StepContext context, CancellationToken cancellationToken);

    /// <summary>Whether the target of an interrupted step is still on the page (used by the crash-recovery rule).</summary>
    bool IsTargetPresent(StepRecord step, DomIndex dom);

    /// <summary>The cursor to continue from after the page was reloaded from a checkpoint and lost its in-page state.</summary>
    int CursorAfterReload(IReadOnlyList<StepRecord> history, int cursor, string url);
}
