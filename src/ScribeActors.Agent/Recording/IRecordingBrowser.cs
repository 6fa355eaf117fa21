using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Recording;

/// <summary>The browser operations a recorder needs (a live session implements them).</summary>
public interface IRecordingBrowser
{
    /// <summary>Observes the page.</summary>
    Task<Observation> ObserveAsync(CancellationToken cancellationToken);

    /// <summary>The node id, in the latest observation, of the first element matching a Playwright selector.</summary>
    Task<int?> ResolveNodeAsync(string selector, CancellationToken cancellationToken);

    /// <summary>Performs an action.</summary>
    Task<ActionResult> ExecuteAsync(BrowserAction action, CancellationToken cancellationToken);
}
