using ScribeActors.Abstractions;
using ScribeActors.Grains.Storage;

namespace ScribeActors.Silo.Api;

/// <summary>The kinds of artefact a step record names.</summary>
public enum StepArtifactKind
{
    /// <summary>The observed DOM (<see cref="StepRecord.ObservationRef"/>), UTF-8 HTML with a <c>node</c> id on every element.</summary>
    Observation,

    /// <summary>The viewport screenshot (<see cref="StepRecord.ScreenshotRef"/>), PNG.</summary>
    Screenshot,

    /// <summary>The prompt a model step gave the model (<see cref="StepRecord.PromptRef"/>), UTF-8 text after the chat template.</summary>
    Prompt,
}

/// <summary>No artefact of the asked kind can be read for a step; the message says why (no such step, none stored, gone).</summary>
public sealed class StepArtifactNotFoundException(string message) : Exception(message);

/// <summary>
/// Reads a step's artefacts back from the <see cref="IArtifactStore"/>, only through the step record that names them:
/// a caller reaches what a workflow it can read stored, never an arbitrary reference. What is stored is what the
/// workflow wrote: the browser session masks secrets before anything is stored, so nothing here can show a secret.
/// </summary>
public static class StepArtifacts
{
    /// <summary>The step <paramref name="index"/> of <paramref name="snapshot"/>, or throws naming what the workflow has.</summary>
    public static StepRecord Step(WorkflowSnapshot snapshot, int index)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (index < 0 || index >= snapshot.Steps.Length)
        {
            throw new StepArtifactNotFoundException(
                $"Workflow '{snapshot.Id}' has {snapshot.Steps.Length} step(s) (0..{snapshot.Steps.Length - 1}); there is no step {index}.");
        }

        return snapshot.Steps[index];
    }

    /// <summary>The bytes of the step's artefact; throws <see cref="StepArtifactNotFoundException"/> saying why there are none.</summary>
    public static async Task<byte[]> ReadAsync(IArtifactStore store, WorkflowSnapshot snapshot, int index, StepArtifactKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var step = Step(snapshot, index);
        var where = $"step {index} of workflow '{snapshot.Id}'";
        var (reference, none, gone) = kind switch
        {
            StepArtifactKind.Screenshot => (step.ScreenshotRef,
                $"Step {index} of workflow '{snapshot.Id}' has no screenshot: Scribe:Workflow:CaptureScreenshots was off, or the page showed a secret the session had typed.",
                $"The screenshot of {where} ({step.ScreenshotRef}) is no longer in the artefact store: screenshots are kept for Scribe:Workflow:ScreenshotRetention after they were stored."),
            StepArtifactKind.Prompt => (step.PromptRef,
                step.Inference is null
                    ? $"Step {index} of workflow '{snapshot.Id}' was not decided by a model, so it has no prompt."
                    : $"Step {index} of workflow '{snapshot.Id}' has no stored prompt (Scribe:Workflow:StoreObservations was off, the model was never asked, or the upload failed).",
                $"The prompt of {where} ({step.PromptRef}) is no longer in the artefact store: prompts of ended workflows are kept for Scribe:Workflow:ObservationRetention after they were stored."),
            _ => (step.ObservationRef,
                $"Step {index} of workflow '{snapshot.Id}' has no stored observation (Scribe:Workflow:StoreObservations was off, the page was too large to observe, or the upload failed).",
                $"The observation of {where} ({step.ObservationRef}) is no longer in the artefact store: observation DOMs of ended workflows are kept for Scribe:Workflow:ObservationRetention after they were stored."),
        };
        if (reference is null)
        {
            throw new StepArtifactNotFoundException(none);
        }

        return await store.GetAsync(reference, cancellationToken) ?? throw new StepArtifactNotFoundException(gone);
    }
}
