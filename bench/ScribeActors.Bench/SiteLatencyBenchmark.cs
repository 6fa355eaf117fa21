using System.Diagnostics;
using ScribeActors.DemoSites;
using ScribeActors.DemoSites.Web;

namespace ScribeActors.Bench;

/// <summary>
/// The demo sites' latency knob on a real clock: a page's round trip with no latency set, then with each latency in
/// turn, and what the knob added (median against the no-latency median). The test suite proves on a fake clock that
/// the wait is made and how long it is (LatencyTests); how close a real timer and the network come to it belongs here,
/// where a loaded machine makes a slower number instead of a failed test. Needs neither Azurite nor a browser.
/// </summary>
internal static class SiteLatencyBenchmark
{
    private static readonly int[] Latencies = [0, 100, 400];

    public static async Task<object> RunAsync(int runs)
    {
        await using var sites = await DemoSitesApp.StartAsync();
        using var http = new HttpClient { BaseAddress = sites.BaseUrl };
        var client = new DemoSitesClient(http, sites.BaseUrl);
        var rows = new List<object>();
        double? none = null;
        foreach (var latency in Latencies)
        {
            await client.SetLatencyAsync(latency);
            var times = new List<double>();
            for (var run = 0; run < runs + 1; run++)
            {
                var started = Stopwatch.GetTimestamp();
                using var page = await http.GetAsync(new Uri("/supplier/login", UriKind.Relative));
                page.EnsureSuccessStatusCode();
                await page.Content.ReadAsByteArrayAsync();
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var said = page.Headers.TryGetValues(SiteLatency.Header, out var values) ? values.Single() : "0";
                if (said != latency.ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    throw new InvalidOperationException($"latency {latency} ms set, the page said {said} ms");
                }

                if (run > 0) // the first request warms up the route and the connection
                {
                    times.Add(elapsed);
                }
            }

            var median = Stats.Percentile(times, 50);
            none ??= median;
            Stats.Log($"site-latency: {latency} ms set, median round trip {median:F1} ms");
            rows.Add(new
            {
                latencyMs = latency,
                runs,
                minMs = Math.Round(times.Min(), 2),
                medianMs = median,
                p95Ms = Stats.Percentile(times, 95),
                maxMs = Math.Round(times.Max(), 2),
                addedMedianMs = Math.Round(median - none.Value, 2),
                earlyRuns = times.Count(t => t < latency),
            });
        }

        await client.SetLatencyAsync(0);
        return new { page = "/supplier/login", latencies = rows };
    }
}
