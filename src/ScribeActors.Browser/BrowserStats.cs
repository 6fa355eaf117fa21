namespace ScribeActors.Browser;

/// <summary>What the process's Chromium holds right now (see <see cref="IBrowserHost.GetStatsAsync"/>).</summary>
/// <param name="Launched">Whether a Chromium is running.</param>
/// <param name="Contexts">Open browser contexts (one per open session).</param>
/// <param name="Renderers">Chromium renderer processes (pages and their frames); <see langword="null"/> where the
/// process table cannot be read (not Linux).</param>
/// <param name="Processes">All Chromium processes of this process's browser; <see langword="null"/> when unknown.</param>
/// <param name="MemoryBytes">Memory of those processes: proportional set size (shared pages split among the processes
/// sharing them), or resident size where that is not available; <see langword="null"/> when unknown.</param>
/// <param name="ContextsSinceLaunch">Contexts opened since this Chromium was launched (the recycling count).</param>
/// <param name="Recycles">How often the browser was recycled since the process started.</param>
/// <param name="SweptSessions">Sessions closed because nobody used them for the idle timeout, since the process started.</param>
/// <param name="WarmContexts">Contexts made ahead of need that no session took yet (<see cref="BrowserOptions.WarmContexts"/>;
/// each holds a blank page, so its renderer counts in <paramref name="Renderers"/>).</param>
public sealed record BrowserStats(
    bool Launched,
    int Contexts,
    int? Renderers,
    int? Processes,
    long? MemoryBytes,
    int ContextsSinceLaunch,
    int Recycles,
    int SweptSessions,
    int WarmContexts = 0);
