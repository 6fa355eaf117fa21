using ScribeActors.Abstractions;

namespace ScribeActors.Client.Tests;

/// <summary>Workflow snapshots and specs for tests: a replay that finishes at once, steps by index and phase.</summary>
internal static class Snapshots
{
    public static WorkflowSpec Spec(string objective = "Do it") => new()
    {
        Objective = objective,
        StartUrl = "http://127.0.0.1:9/",
        StepSource = StepSourceSpec.ForReplay(new RecordedWorkflow
        {
            Objective = objective,
            StartUrl = "http://127.0.0.1:9/",
            Steps = [new RecordedStep { Index = 1, Description = "Done", Action = StepActions.Finish }],
        }),
    };

    public static WorkflowSnapshot Of(string id, long version, WorkflowStatus status, params (int Index, StepPhase Phase)[] steps) => new()
    {
        Id = id,
        Spec = Spec(),
        Version = version,
        Status = status,
        Steps = [.. steps.Select(s => new StepRecord { Index = s.Index, Phase = s.Phase })],
    };
}
