using ScribeActors.Abstractions;
using ScribeActors.Agent.Recording;

namespace ScribeActors.Browser.Recording;

/// <summary>Records expert scripts in a fresh browser session of this process (no cluster needed).</summary>
public static class BrowserRecording
{
    /// <summary>Opens a session at <paramref name="startUrl"/>, records <paramref name="script"/> and closes the session.
    /// Placeholders the script types are resolved by the host's secret provider, and every secret the script or the
    /// objective names is masked out of the observations; clear text typed into a password field is recorded as a
    /// placeholder named <paramref name="passwordSecret"/> (or derived, see <see cref="WorkflowRecorder"/>).
    /// <paramref name="observed"/>, when given, receives each step's observation (see <see cref="WorkflowRecorder.RecordAsync"/>).</summary>
    public static async Task<RecordedWorkflow> RecordAsync(
        this IBrowserHost browsers, string objective, string startUrl, IReadOnlyList<ScriptedStep> script,
        IReadOnlyList<string>? allowedHosts = null, string? source = null, string? passwordSecret = null,
        Action<int, Observation>? observed = null, CancellationToken cancellationToken = default)
    {
        var hosts = allowedHosts ?? [HostPattern.Of(new Uri(startUrl))];
        string[] secrets = [.. script.SelectMany(s => SecretPlaceholder.Names(s.Value)).Concat(SecretPlaceholder.Names(objective)).Distinct(StringComparer.OrdinalIgnoreCase)];
        await using var session = await browsers.OpenSessionAsync(new BrowserSessionOptions { AllowedHosts = hosts, SecretNames = secrets }, cancellationToken);
        var opened = await session.ExecuteAsync(BrowserAction.Goto(startUrl), cancellationToken);
        if (!opened.Succeeded)
        {
            throw new RecordingException($"Could not open {startUrl} to record: {opened.Failure}: {opened.Message}");
        }

        return await WorkflowRecorder.RecordAsync(new SessionAdapter(session), objective, startUrl, script, source, passwordSecret, observed, cancellationToken);
    }

    private sealed class SessionAdapter(IBrowserSession session) : IRecordingBrowser
    {
        public Task<Observation> ObserveAsync(CancellationToken cancellationToken) => session.ObserveAsync(false, cancellationToken);

        public Task<int?> ResolveNodeAsync(string selector, CancellationToken cancellationToken) => session.ResolveNodeAsync(selector, cancellationToken);

        public Task<ActionResult> ExecuteAsync(BrowserAction action, CancellationToken cancellationToken) => session.ExecuteAsync(action, cancellationToken);
    }
}
