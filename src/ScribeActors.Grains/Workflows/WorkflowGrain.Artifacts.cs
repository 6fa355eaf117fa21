using System.Text;
using ScribeActors.Abstractions;
using ScribeActors.Agent;
using ScribeActors.Grains.Storage;

namespace ScribeActors.Grains.Workflows;

/// <summary>A step's artefacts: the observed DOM, the screenshot (taken with the observation for a replay, while the
/// model decides for a model) and the model's prompt, named by content and stored off the step's critical path; a step
/// record names them only once they are stored.</summary>
public sealed partial class WorkflowGrain
{
    /// <summary>Whether the session takes each observation's screenshot beside its capture. A model decides for tens to
    /// hundreds of milliseconds, so its steps ask the page without one and take it while the model decides
    /// (<see cref="ScreenshotWhileDeciding"/>); a replay decides at once, so the session takes it with the capture.</summary>
    private bool ScreenshotWithObservation => _options.CaptureScreenshots && Current.Spec!.StepSource.Kind != StepSourceKind.Model;

    private bool ScreenshotWhileDeciding => _options.CaptureScreenshots && Current.Spec!.StepSource.Kind == StepSourceKind.Model;

    /// <summary>
    /// Names the observation's DOM (and screenshot) as content-addressed blobs and returns how to store them. The
    /// references are known from the hashes at once; the upload runs off the step's critical path (while a slow source
    /// decides, or while the browser acts, never competing with the intent write). A step record names the artefacts
    /// only once they are stored, so nothing durable ever points at a missing one.
    /// </summary>
    private (string? ObservationRef, string? ScreenshotRef, Func<Task> StartUpload) PrepareArtifacts(Observation observation, CancellationToken cancellationToken)
    {
        byte[]? dom = null;
        string? observationRef = null;
        if (_options.StoreObservations)
        {
            dom = Encoding.UTF8.GetBytes(observation.Dom);
            observationRef = ArtifactReference.For(ArtifactRetention.ObservationKind, dom);
        }

        var png = observation.Screenshot is { Length: > 0 } screenshot ? screenshot : null;
        var screenshotRef = png is null ? null : ArtifactReference.For(ArtifactRetention.ScreenshotKind, png);
        return (observationRef, screenshotRef, () => Task.WhenAll(
            dom is null ? Task.CompletedTask : artifacts.PutAsync(ArtifactRetention.ObservationKind, dom, cancellationToken),
            png is null ? Task.CompletedTask : artifacts.PutAsync(ArtifactRetention.ScreenshotKind, png, cancellationToken)));
    }

    /// <summary>The screenshot of <paramref name="observation"/>, asked while the source decides (nothing acts on the page
    /// meanwhile: the action waits for the decision, and the decision for this); none when it cannot be had.</summary>
    private async Task<byte[]?> ScreenshotQuietlyAsync(Observation observation, CancellationToken cancellationToken)
    {
        try
        {
            return await Session.ScreenshotAsync(observation.ObservationId, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogScreenshotFailed(Id, e.Message);
            return null;
        }
    }

    /// <summary>Names the screenshot taken while the source decided and starts storing it (as the page's artefacts are
    /// stored); nothing when none was asked or none came.</summary>
    private async Task<(string? ScreenshotRef, Task? Upload)> PrepareLateScreenshotAsync(Task<byte[]?>? screenshot, CancellationToken cancellationToken)
    {
        if (screenshot is null || await screenshot is not { Length: > 0 } png)
        {
            return (null, null);
        }

        return (ArtifactReference.For(ArtifactRetention.ScreenshotKind, png), artifacts.PutAsync(ArtifactRetention.ScreenshotKind, png, cancellationToken));
    }

    /// <summary>Names a model decision's prompt as a content-addressed text artefact (beside the observation, under the
    /// same option) and starts storing it; nothing for a decision no model made.</summary>
    private (string? PromptRef, Task? Upload) PreparePrompt(StepDecision decision, CancellationToken cancellationToken)
    {
        if (decision.Prompt is not { } prompt || !_options.StoreObservations)
        {
            return (null, null);
        }

        var text = Encoding.UTF8.GetBytes(prompt);
        return (ArtifactReference.For(ArtifactRetention.PromptKind, text), artifacts.PutAsync(ArtifactRetention.PromptKind, text, cancellationToken));
    }

    /// <summary>The step once its artefacts are stored; without their references when storing failed (the step is still
    /// recorded: a lost artefact must not cost the workflow a step, least of all one that was performed).</summary>
    private async Task<StepRecord> WithStoredArtifactsAsync(StepRecord step, Task upload)
    {
        try
        {
            await upload;
            return step;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogArtifactsLost(Id, step.Index, e);
            return step.WithoutArtifacts();
        }
    }
}
