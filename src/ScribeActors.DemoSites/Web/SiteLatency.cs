namespace ScribeActors.DemoSites.Web;

/// <summary>Artificial server latency for every page (not the /api endpoints), to imitate a slow business app.
/// Independent of resets; set through <c>/api/latency?ms=N</c>.</summary>
public sealed class SiteLatency
{
    /// <summary>The largest accepted latency.</summary>
    public const int MaxMilliseconds = 10_000;

    /// <summary>The response header that carries the delay added to a page (absent when none was).</summary>
    public const string Header = "X-Demo-Latency-Ms";

    private int _milliseconds;

    /// <summary>The delay added to each page request.</summary>
    public int Milliseconds
    {
        get => Volatile.Read(ref _milliseconds);
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxMilliseconds);
            Volatile.Write(ref _milliseconds, value);
        }
    }
}
