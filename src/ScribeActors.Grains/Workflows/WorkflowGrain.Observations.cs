using System.Text;
using ScribeActors.Abstractions;

namespace ScribeActors.Grains.Workflows;

/// <summary>Reading a step's stored observation back, for clients that turn runs into training data.</summary>
public sealed partial class WorkflowGrain
{
    async Task<StoredObservation> IWorkflowGrain.GetObservationAsync(StoredObservationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Current.Spec is null)
        {
            throw NotFound();
        }

        if (request.StepIndex < 0 || request.StepIndex >= Current.Steps.Count)
        {
            throw new ArgumentOutOfRangeException(
                nameof(request), request.StepIndex, $"Workflow '{Id}' has {Current.Steps.Count} steps; there is no step {request.StepIndex}.");
        }

        var step = Current.Steps[request.StepIndex];
        var bytes = step.ObservationRef is { } reference ? await artifacts.GetAsync(reference, cancellationToken) : null;
        return new StoredObservation
        {
            StepIndex = step.Index,
            Url = step.UrlBefore,
            Reference = step.ObservationRef,
            Dom = bytes is null ? null : Encoding.UTF8.GetString(bytes),
        };
    }
}
