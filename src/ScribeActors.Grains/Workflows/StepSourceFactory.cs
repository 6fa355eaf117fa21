using ScribeActors.Abstractions;

namespace ScribeActors.Grains.Workflows;

/// <summary>Builds the step source a spec asks for.</summary>
public sealed class StepSourceFactory
{
    /// <summary>Creates the source for <paramref name="spec"/>.</summary>
    public IStepSource Create(WorkflowSpec spec) => spec.StepSource.Kind switch
    {
        StepSourceKind.Replay => new ReplayStepSource(spec.StepSource.Replay
            ?? throw new InvalidWorkflowSpecException(["StepSource.Replay is missing: a replay workflow needs a recording."])),
        var kind => throw new InvalidWorkflowSpecException([$"StepSource.Kind '{kind}' is not supported by this silo."]),
    };
}
