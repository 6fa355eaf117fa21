using ScribeActors.Abstractions;

namespace ScribeActors.Grains.Browser;

/// <summary>The durable checkpoint of a browser session: enough to rebuild its browser context on any browser silo.</summary>
[GenerateSerializer, Alias("scribe.BrowserSessionState")]
public sealed class BrowserSessionState
{
    /// <summary>How many recent action results are kept for deduplication.</summary>
    public const int RecentResultLimit = 32;

    /// <summary>How many recent performed steps are kept at least for a workflow whose own writes storage lost.</summary>
    public const int RecentStepLimit = 8;

    /// <summary>The most recent performed steps kept, however quick they were.</summary>
    public const int RecentStepCap = 64;

    /// <summary>Steps started this long before the newest one are still kept (up to <see cref="RecentStepCap"/>): storage
    /// loses acknowledged writes over a span of time, not a number of steps (Azurite saves every 5 s, and a replay takes a
    /// step in a few hundred milliseconds).</summary>
    public static readonly TimeSpan RecentStepWindow = TimeSpan.FromSeconds(20);

    [Id(0)] public bool IsOpen { get; set; }

    [Id(1)] public string[] AllowedHosts { get; set; } = [];

    /// <summary>The URL at the last checkpoint.</summary>
    [Id(2)] public string? Url { get; set; }

    /// <summary>Playwright storage state (cookies and local storage) at the last checkpoint. Secret: holds auth cookies.</summary>
    [Id(3)] public string? StorageStateJson { get; set; }

    /// <summary>How many live contexts were built from an existing checkpoint.</summary>
    [Id(4)] public int Epoch { get; set; }

    [Id(5)] public int ActionCount { get; set; }

    /// <summary>Results of the most recent actions by action id, oldest first.</summary>
    [Id(6)] public List<KeyValuePair<string, ActionResult>> RecentResults { get; set; } = [];

    /// <summary>The names (never the values) of the secrets the session may type, so a rebuilt context masks them too.</summary>
    [Id(7)] public string[] SecretNames { get; set; } = [];

    /// <summary>The workflow's intents of the most recent performed actions, with their results as outcomes, oldest first.</summary>
    [Id(8)] public List<StepRecord> RecentSteps { get; set; } = [];

    /// <summary>The action in flight that let a state-changing request out of the browser (recorded before it left).</summary>
    [Id(9)] public string? SentActionId { get; set; }

    /// <summary>That request's method and URL.</summary>
    [Id(10)] public string? SentRequest { get; set; }

    /// <summary>The top-frame page that request led to, when the browser got that far before the action settled.</summary>
    [Id(11)] public string? SentLandingUrl { get; set; }

    /// <summary>The <c>Idempotency-Key</c> that request carried, if its host honours the header.</summary>
    [Id(12)] public string? SentIdempotencyKey { get; set; }

    /// <summary>The activation that wrote this copy (an id of its own, new with each activation).</summary>
    [Id(13)] public string? WriterId { get; set; }

    /// <summary>
    /// Whether <paramref name="stored"/>, found in storage when a write of this copy conflicted, was written by another
    /// activation that supersedes this one: a later epoch, or the same epoch written by an activation other than this
    /// one and the one whose copy this activation started from (<paramref name="basedOn"/>) — two activations of the
    /// session during a membership change, each rebuilding from the same checkpoint. Otherwise storage lost writes it
    /// had acknowledged (it went back to a copy this activation wrote or started from), and this copy is the truth.
    /// </summary>
    public bool IsSupersededBy(BrowserSessionState stored, string? basedOn)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return stored.IsOpen
            && (stored.Epoch > Epoch || (stored.Epoch == Epoch && stored.WriterId is not null && stored.WriterId != WriterId && stored.WriterId != basedOn));
    }

    public ActionResult? FindResult(string actionId) =>
        RecentResults.FirstOrDefault(r => r.Key == actionId).Value;

    /// <remarks>The record of a request the action let out stays: while the result stands it says more (see
    /// <see cref="FindResult"/>), and if the result turns out not to stand (<see cref="Forget"/>), that record is what
    /// keeps recovery from taking the action again. The next action's first request replaces it.</remarks>
    public void Remember(string actionId, ActionResult result, StepRecord? intent)
    {
        RecentResults.Add(new(actionId, result));
        if (RecentResults.Count > RecentResultLimit)
        {
            RecentResults.RemoveRange(0, RecentResults.Count - RecentResultLimit);
        }

        if (intent is not null)
        {
            RecentSteps.Add(intent with { Outcome = result, UrlAfter = result.UrlAfter ?? intent.UrlAfter });
            var newest = intent.StartedAt;
            var beyond = RecentSteps.Count - RecentStepLimit;
            var old = 0;
            while (old < beyond && (old < RecentSteps.Count - RecentStepCap || newest - RecentSteps[old].StartedAt > RecentStepWindow))
            {
                old++;
            }

            RecentSteps.RemoveRange(0, old);
        }
    }

    /// <summary>Forgets a result remembered in memory that turned out not to stand (the browser died as it was taken).</summary>
    public void Forget(string actionId)
    {
        RecentResults.RemoveAll(r => r.Key == actionId);
        RecentSteps.RemoveAll(s => s.ActionId == actionId);
    }

    /// <summary>Adds what <paramref name="other"/> remembers and this copy does not (after a storage conflict).</summary>
    public void MergeFrom(BrowserSessionState other)
    {
        foreach (var (actionId, result) in other.RecentResults)
        {
            if (FindResult(actionId) is null)
            {
                RecentResults.Insert(0, new(actionId, result));
            }
        }

        foreach (var step in other.RecentSteps)
        {
            if (!RecentSteps.Any(s => s.ActionId == step.ActionId))
            {
                RecentSteps.Insert(0, step);
            }
        }

        RecentSteps.Sort((a, b) => a.Index.CompareTo(b.Index));
    }
}
