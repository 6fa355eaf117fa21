using ScribeActors.Abstractions;

namespace ScribeActors.Grains.Workflows;

/// <summary>Builds the step source a spec asks for.</summary>
public sealed class StepSourceFactory(IGrainFactory grains)
{
    /// <summary>Creates the source for <paramref name="spec"/>.</summary>
    public IStepSource Create(WorkflowSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var model = spec.StepSource.Model is { } m ? new ModelStepSource(m, grains) : null;
        return spec.StepSource.Kind switch
        {
            StepSourceKind.Replay => new ReplayStepSource(
                spec.StepSource.Replay ?? throw new InvalidWorkflowSpecException(["StepSource.Replay is missing: a replay workflow needs a recording."]),
                model),
            StepSourceKind.Model => model ?? throw new InvalidWorkflowSpecException(["StepSource.Model is missing: a model workflow needs a model id."]),
            var kind => throw new InvalidWorkflowSpecException([$"StepSource.Kind '{kind}' is not supported by this silo."]),
        };
    }
}
