using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using ScribeActors.Browser;

namespace ScribeActors.Bench;

/// <summary>
/// What keeping a page on its allowed hosts costs a navigation. Three contexts of one Chromium load the same pages in
/// turn: one with no guard (the baseline), one guarded by a Playwright route that sends only URLs off the allow-list to
/// .NET (how sessions were guarded before: with any route, Playwright pauses every request and turns the HTTP cache
/// off), and one guarded by <see cref="NavigationGuard"/> (document requests only, through DevTools). Two kinds of page:
/// a lone document (like the demo sites) and a document with a stylesheet, two scripts and six images, cacheable for an
/// hour (like most real sites).
/// </summary>
internal static class NavigationBenchmark
{
    private const int Assets = 9;

    public static async Task<object> RunAsync(int rounds)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        var served = 0;
        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref served);
            await next(context);
        });
        app.MapGet("/lone", (HttpRequest r) => Results.Content(Page(r.Query["n"], withAssets: false), "text/html"));
        app.MapGet("/assets", (HttpRequest r) => Results.Content(Page(r.Query["n"], withAssets: true), "text/html"));
        app.MapGet("/asset/{name}", (string name, HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return name.EndsWith(".css", StringComparison.Ordinal) ? Results.Text("p { color: #333; }", "text/css")
                : name.EndsWith(".js", StringComparison.Ordinal) ? Results.Text("window.loaded = (window.loaded || 0) + 1;", "text/javascript")
                : Results.Bytes(new byte[4096], "image/png");
        });
        await app.StartAsync();
        var origin = app.Urls.Single().TrimEnd('/');
        var host = new Uri(origin).Authority;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BenchBrowser.LaunchAsync(playwright);

        var allowList = new HostAllowList([host]);
        var arms = new (string Name, IPage Page)[3];
        arms[0] = ("unguarded", await (await browser.NewContextAsync()).NewPageAsync());
        var routed = await browser.NewContextAsync();
        // The regex of the former guard: only URLs off the allow-list reach the handler.
        await routed.RouteAsync(new Regex($"^(?!https?://{Regex.Escape(host)}(?:[/?#]|$))"), route => route.AbortAsync("aborted"));
        arms[1] = ("playwrightRoute", await routed.NewPageAsync());
        var guarded = await browser.NewContextAsync();
        var guardedPage = await guarded.NewPageAsync();
        await NavigationGuard.StartAsync(await guarded.NewCDPSessionAsync(guardedPage), allowList, NullLogger.Instance);
        arms[2] = ("devToolsGuard", guardedPage);

        var times = arms.ToDictionary(a => a.Name, _ => new Dictionary<string, List<double>> { ["lone"] = [], ["assets"] = [] });
        var requests = arms.ToDictionary(a => a.Name, _ => new Dictionary<string, int> { ["lone"] = 0, ["assets"] = 0 });
        for (var round = -1; round < rounds; round++)
        {
            foreach (var kind in new[] { "lone", "assets" })
            {
                foreach (var (name, page) in arms)
                {
                    var before = Volatile.Read(ref served);
                    var clock = Stopwatch.StartNew();
                    await page.GotoAsync($"{origin}/{kind}?n={round}", new PageGotoOptions { WaitUntil = WaitUntilState.Load });
                    if (round >= 0)
                    {
                        times[name][kind].Add(clock.Elapsed.TotalMilliseconds);
                        requests[name][kind] += Volatile.Read(ref served) - before;
                    }
                }
            }
        }

        // The guards must still guard: a navigation off the allow-list fails and reaches no server.
        var blocked = new Dictionary<string, bool>();
        foreach (var (name, page) in arms.Skip(1))
        {
            try
            {
                await page.GotoAsync($"http://localhost:{new Uri(origin).Port}/lone?n=blocked");
                blocked[name] = false;
            }
            catch (PlaywrightException)
            {
                blocked[name] = true;
            }
        }

        Stats.Log($"navigation: {rounds} rounds of {arms.Length} contexts x 2 pages");
        object Arm(string name, string kind) => new
        {
            p50 = Stats.Percentile(times[name][kind], 50),
            p95 = Stats.Percentile(times[name][kind], 95),
            requestsPerNavigation = Math.Round((double)requests[name][kind] / rounds, 2),
            p50RatioToUnguarded = Math.Round(Stats.Percentile(times[name][kind], 50) / Stats.Percentile(times["unguarded"][kind], 50), 3),
        };

        return new
        {
            rounds,
            loneDocumentMs = arms.ToDictionary(a => a.Name, a => Arm(a.Name, "lone")),
            documentWithAssetsMs = arms.ToDictionary(a => a.Name, a => Arm(a.Name, "assets")),
            offAllowListBlocked = blocked,
            definition = $"time of page.GotoAsync to load; lone = one HTML document; assets = a document with {Assets} subresources cacheable for an hour (each round uses a new document URL, the same subresource URLs); the three contexts take turns page by page",
        };
    }

    private static string Page(string? n, bool withAssets)
    {
        var html = new StringBuilder("<!DOCTYPE html><html><head><title>Page ").Append(n).Append("</title>");
        if (withAssets)
        {
            html.Append("<link rel=\"stylesheet\" href=\"/asset/site.css\"><script src=\"/asset/a.js\"></script><script src=\"/asset/b.js\"></script>");
        }

        html.Append("</head><body><h1>Page ").Append(n).Append("</h1>");
        for (var i = 0; i < 40; i++)
        {
            html.Append("<p><a href=\"/lone?n=").Append(i).Append("\">Link ").Append(i).Append("</a> some text of the page</p>");
        }

        if (withAssets)
        {
            for (var i = 0; i < 6; i++)
            {
                html.Append("<img src=\"/asset/i").Append(i).Append(".png\" width=\"16\" height=\"16\">");
            }
        }

        return html.Append("</body></html>").ToString();
    }
}
