using ScribeActors.Abstractions;

namespace ScribeActors.Grains.Browser;

/// <summary>The durable checkpoint of a browser session: enough to rebuild its browser context on any browser silo.</summary>
[GenerateSerializer, Alias("scribe.BrowserSessionState")]
public sealed class BrowserSessionState
{
    /// <summary>How many recent action results are kept for deduplication.</summary>
    public const int RecentResultLimit = 32;

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

    public ActionResult? FindResult(string actionId) =>
        RecentResults.FirstOrDefault(r => r.Key == actionId).Value;

    public void Remember(string actionId, ActionResult result)
    {
        RecentResults.Add(new(actionId, result));
        if (RecentResults.Count > RecentResultLimit)
        {
            RecentResults.RemoveRange(0, RecentResults.Count - RecentResultLimit);
        }
    }
}
