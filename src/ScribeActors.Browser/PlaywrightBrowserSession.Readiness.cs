using System.Text.Json;
using Microsoft.Playwright;
using ScribeActors.Abstractions;

namespace ScribeActors.Browser;

/// <summary>Readiness before an action: what the latest capture or a probe of the page says about its target.</summary>
internal sealed partial class PlaywrightBrowserSession
{
    /// <summary>How long a probe taken by <see cref="PrepareAsync"/> stands for the page: about the time a durable intent
    /// write takes, with room to spare; an older one is taken again.</summary>
    private static readonly TimeSpan PreparedProbeLifetime = TimeSpan.FromMilliseconds(250);

    /// <summary>How long the capture's description of the usual targets stands for the page, for the first action after
    /// it: the time a replayed step takes to decide and write its intent, with room to spare. A slower step source
    /// (a model) probes the page as it is then.</summary>
    private static readonly TimeSpan CapturedReadinessLifetime = TimeSpan.FromMilliseconds(100);

    private (long Observation, int Node, ElementProbe Probe, long TakenAt)? _prepared;
    private (string Ready, long TakenAt) _captured = ("", 0); // for the first action after the capture only

    /// <summary>The latest capture's description of the usual targets, one character per node id (for tests).</summary>
    internal string CapturedReadiness => _captured.Ready;

    public async Task PrepareAsync(BrowserAction action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        ObjectDisposedException.ThrowIf(_disposed, this);
        _prepared = null;
        if (action.NodeId is not { } node || Validate(action) is not null || _latestObservationId == 0 || node < 0 || node >= _nodeCount)
        {
            return; // nothing to look at, or ExecuteAsync fails it without looking
        }

        if (ReadyFromCapture(action, node, _captured))
        {
            return; // the capture that just happened already says the action can go ahead
        }

        try
        {
            var probe = await ProbeAsync(node);
            _prepared = (_latestObservationId, node, probe, _time.GetTimestamp());
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            // ExecuteAsync probes again and reports whatever is wrong.
        }
    }

    /// <summary>Describes node <paramref name="node"/> of the latest observation. The probe runs in the page's main world
    /// on the element list the capture left there: one evaluation, no selector and no Playwright injected script (a
    /// locator evaluation cost about ten times as much).</summary>
    private async Task<ElementProbe> ProbeAsync(int node) => ElementProbe.Parse(await Bounded(
        EvaluateInPageAsync(_devTools, BrowserScripts.Probe, JsonSerializer.Serialize(new { observation = _latestObservationId, node })),
        _options.ActionTimeout,
        $"Finding node {node}",
        CancellationToken.None));

    /// <summary>Whether <paramref name="captured"/>, the description of the usual targets that the latest capture took
    /// moments ago with no action since, says node <paramref name="node"/> is ready for <paramref name="action"/>:
    /// visible, enabled and fillable as the action needs (<see cref="ActionReadiness.ReadyByCapture"/>). Only that answer
    /// is taken from the capture; any other (or an older capture, or an element it does not describe, such as a select)
    /// is left to a probe of the page as it is now, which also words the failure. Playwright's own actionability checks
    /// still run before any input is sent.</summary>
    /// <remarks>The price of skipping the probe: a page that removes or replaces the element by itself within
    /// <see cref="CapturedReadinessLifetime"/> of the capture makes the action wait out its timeout instead of failing
    /// at once as detached.</remarks>
    private bool ReadyFromCapture(BrowserAction action, int node, (string Ready, long TakenAt) captured)
    {
        var (ready, takenAt) = captured;
        return _time.GetElapsedTime(takenAt) <= CapturedReadinessLifetime && ActionReadiness.ReadyByCapture(ready, node, action.Kind);
    }

    /// <summary>The probe <see cref="PrepareAsync"/> took of this node in the latest observation, if it is recent enough to
    /// stand for the page now; it is used once.</summary>
    private ElementProbe? TakePreparedProbe(int node)
    {
        var prepared = _prepared;
        _prepared = null;
        return prepared is { } p && p.Observation == _latestObservationId && p.Node == node
            && _time.GetElapsedTime(p.TakenAt) <= PreparedProbeLifetime
            ? p.Probe
            : null;
    }
}
