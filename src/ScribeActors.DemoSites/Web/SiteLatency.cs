using Microsoft.AspNetCore.Http;

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

    /// <summary>
    /// The wait a request gets before it is served: <see cref="Milliseconds"/> on <paramref name="time"/> for a page,
    /// none for <c>/api</c> or while the latency is 0. A delayed response says what was added in <see cref="Header"/>,
    /// so a client (and a test) can tell the site's delay from its own slowness.
    /// </summary>
    /// <param name="context">The request; its <see cref="HttpContext.RequestAborted"/> ends the wait.</param>
    /// <param name="time">The clock the wait runs on.</param>
    public Task DelayAsync(HttpContext context, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(time);
        var latency = Milliseconds;
        if (latency == 0 || context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            return Task.CompletedTask;
        }

        context.Response.Headers[Header] = latency.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Task.Delay(TimeSpan.FromMilliseconds(latency), time, context.RequestAborted);
    }
}
