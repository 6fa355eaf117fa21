using ScribeActors.Abstractions;
using ScribeActors.Agent.Recording;
using ScribeActors.Browser;

namespace ScribeActors.Testing;

/// <summary>
/// Passes a recorder's calls to a live session and reports what it sees: every observation (with its 1-based number),
/// and every selector the recorder resolves to a node of the latest observation. Lets a test or benchmark walk a demo
/// task's expert script through <see cref="WorkflowRecorder"/> and collect real observations on the way.
/// </summary>
public sealed class ObservingBrowser(IBrowserSession session, Action<int, Observation>? observed = null, Action<int, Observation, int>? resolved = null) : IRecordingBrowser
{
    private Observation? _latest;
    private int _count;

    public async Task<Observation> ObserveAsync(CancellationToken cancellationToken)
    {
        _latest = await session.ObserveAsync(false, cancellationToken);
        _count++;
        observed?.Invoke(_count, _latest);
        return _latest;
    }

    public async Task<int?> ResolveNodeAsync(string selector, CancellationToken cancellationToken)
    {
        var node = await session.ResolveNodeAsync(selector, cancellationToken);
        if (node is { } id && _latest is not null)
        {
            resolved?.Invoke(_count, _latest, id);
        }

        return node;
    }

    public Task<ActionResult> ExecuteAsync(BrowserAction action, CancellationToken cancellationToken) => session.ExecuteAsync(action, cancellationToken);
}
