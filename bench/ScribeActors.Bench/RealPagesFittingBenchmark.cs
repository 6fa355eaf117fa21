using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ScribeActors.Abstractions;
using ScribeActors.Agent;
using ScribeActors.Agent.Pruning;
using ScribeActors.Browser;

namespace ScribeActors.Bench;

/// <summary>
/// Pruning and token-budget fitting on real-world pages: HTML documentation that real site generators produced
/// (rustdoc and mdBook, the Node.js API docs, DocBook, gtk-doc, npm's docs...) found on this machine, served over
/// loopback HTTP and observed in headless Chromium exactly as a workflow observes a page (scripts run, node ids from the
/// live DOM). On each page, seeded random interactive elements of the observation (links, buttons, inputs, selects,
/// text areas, elements with a role or an inline handler) stand for the step's target: the pruner's loss is measured
/// on them, then each fitter at each budget. Nothing is copied into the repository: the pages are read where they are
/// installed. Needs Chromium, not Azurite.
/// </summary>
internal static partial class RealPagesFittingBenchmark
{
    private static readonly int[] Budgets = [1024, 2048, 4096, 8192];
    private const int MinPageBytes = 20_000;

    /// <summary>Where Debian packages and toolchains install HTML documentation.</summary>
    private static readonly string[] DefaultRoots =
    [
        "/usr/share/doc",
        "/usr/lib/node_modules/npm/docs/output",
        .. Directory.Exists(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".rustup", "toolchains"))
            ? Directory.GetDirectories(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".rustup", "toolchains"))
                .Select(t => Path.Combine(t, "share", "doc", "rust", "html")).Take(1)
            : [],
    ];

    public static async Task<object> RunAsync(string? roots, int pagesPerSite, int targetsPerPage)
    {
        var sites = FindSites(roots is null ? DefaultRoots : roots.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), pagesPerSite);
        if (sites.Count == 0)
        {
            throw new InvalidOperationException(
                $"fitting-pages: no HTML pages of at least {MinPageBytes / 1000} kB under {roots ?? string.Join(", ", DefaultRoots)}; pass --pages DIR[,DIR...] with saved or installed HTML documents.");
        }

        var counter = new CachingTokenCounter(ApproximateTokenCounter.Instance);
        var options = new PruneOptions { TokenCounter = counter };
        await using var server = await StaticServer.StartAsync(sites);
        await using var browsers = new PlaywrightBrowserHost(Options.Create(new BrowserOptions()), NullLogger<PlaywrightBrowserHost>.Instance);
        var fitters = new IDomFitter[] { new TailFitter(), new InteractiveFirstFitter() };
        var random = new Random(42);
        var bySite = new List<object>();
        var all = new List<PageSample>();
        foreach (var site in sites)
        {
            var samples = new List<PageSample>();
            await using var session = await browsers.OpenSessionAsync(new BrowserSessionOptions { AllowedHosts = [server.Host] });
            foreach (var page in site.Pages)
            {
                var url = server.UrlOf(site, page);
                var loaded = await session.ExecuteAsync(BrowserAction.Goto(url));
                if (!loaded.Succeeded)
                {
                    Stats.Log($"fitting-pages: skipped {url}: {loaded}");
                    continue;
                }

                var observation = await session.ObserveAsync();
                var pruned = HtmlPruner.Prune(observation.Dom, options);
                var interactive = InteractiveNodes(observation.Dom);
                var targets = interactive.OrderBy(_ => random.Next()).Take(targetsPerPage).ToArray();
                var kept = pruned.NodeIds.ToHashSet();
                samples.Add(new PageSample(site.Name, Path.GetRelativePath(site.Root, page), observation.Dom.Length, counter.CountTokens(pruned.Html), interactive.Count, pruned, targets, [.. targets.Where(kept.Contains)]));
            }

            Stats.Log($"fitting-pages: {site.Name}: {samples.Count} pages observed");
            all.AddRange(samples);
            bySite.Add(Summarise(site.Name, site.Root, samples, fitters, counter));
        }

        return new
        {
            counter = counter.Name,
            budgets = Budgets,
            targetsPerPage,
            definition = "targets: seeded random interactive elements of the live observation; prunerKept: share of them the pruner keeps; keptRate: share of the pruner-kept targets still in the fitted page; whenCut: the same over pages that had to be cut",
            overall = Summarise("all", "", all, fitters, counter),
            sites = bySite,
        };
    }

    private static object Summarise(string name, string root, IReadOnlyList<PageSample> samples, IDomFitter[] fitters, ITokenCounter counter)
    {
        var targets = samples.Sum(s => s.Targets.Length);
        var kept = samples.Sum(s => s.Kept.Length);
        var tokens = samples.Select(s => (double)s.PrunedTokens).ToArray();
        var results = new List<object>();
        foreach (var budget in Budgets)
        {
            var fits = samples.SelectMany(s => s.Kept.Select(id => new FitSample(s.Pruned, id, budget))).ToArray();
            var whole = samples.Where(s => s.PrunedTokens <= budget).Sum(s => s.Kept.Length);
            foreach (var fitter in fitters)
            {
                if (fits.Length == 0)
                {
                    continue;
                }

                var report = FitEvaluation.Evaluate(fitter, fits, counter);
                if (name == "all")
                {
                    Stats.Log($"fitting-pages: {fitter.Name} at {budget} tokens: target kept {report.TargetKeptRate:P1}");
                }

                results.Add(new
                {
                    budget,
                    fitter = report.Fitter,
                    samples = report.Samples,
                    keptRate = Math.Round(report.TargetKeptRate, 4),
                    whenCut = whole == fits.Length ? (double?)null : Math.Round((double)(report.TargetKept - whole) / (fits.Length - whole), 4),
                    meanTokens = Math.Round(report.MeanTokens, 1),
                    meanMs = Math.Round(report.MeanMilliseconds, 2),
                    overBudget = report.OverBudget,
                });
            }
        }

        return new
        {
            site = name,
            root,
            pages = samples.Count,
            rawDomChars = tokens.Length == 0 ? null : new { median = Stats.Percentile([.. samples.Select(s => (double)s.RawChars)], 50), max = samples.Max(s => s.RawChars) },
            prunedTokens = tokens.Length == 0 ? null : new { min = tokens.Min(), median = Stats.Percentile(tokens, 50), p90 = Stats.Percentile(tokens, 90), max = tokens.Max() },
            interactivePerPage = samples.Count == 0 ? 0 : Stats.Percentile([.. samples.Select(s => (double)s.Interactive)], 50),
            targets,
            prunerKept = targets == 0 ? 0 : Math.Round((double)kept / targets, 4),
            results,
        };
    }

    /// <summary>Node ids of the interactive elements of an observed DOM (every element carries <c>node="N"</c>).</summary>
    private static List<int> InteractiveNodes(string dom) =>
        [.. InteractiveTag().Matches(dom).Select(m => int.Parse(m.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture))];

    [GeneratedRegex("""<(?:(?:a|button|input|select|textarea|summary)\b[^>]*|[a-z][a-z0-9-]*\b[^>]*\s(?:role|onclick|tabindex)="[^"]*"[^>]*)\snode="(?<id>\d+)">""", RegexOptions.CultureInvariant)]
    private static partial Regex InteractiveTag();

    /// <summary>One site per root (and per book or crate family inside it), its pages spread evenly over the sorted list.</summary>
    private static List<Site> FindSites(IEnumerable<string> roots, int pagesPerSite)
    {
        var sites = new List<Site>();
        foreach (var root in roots.Where(Directory.Exists))
        {
            var pages = Directory.EnumerateFiles(root, "*.html", SearchOption.AllDirectories)
                .Where(p => new FileInfo(p).Length >= MinPageBytes)
                .Order(StringComparer.Ordinal)
                .ToList();

            // Group by the first directory below the root (one package, book or crate), then spread over the groups.
            foreach (var group in pages.GroupBy(p => Path.GetRelativePath(root, p).Split(Path.DirectorySeparatorChar)[0]).Where(g => g.Count() >= 2).OrderByDescending(g => g.Count()).Take(4))
            {
                var list = group.ToList();
                var step = Math.Max(1, list.Count / pagesPerSite);
                var chosen = list.Where((_, i) => i % step == 0).Take(pagesPerSite).ToList();
                sites.Add(new Site($"{Path.GetFileName(root.TrimEnd('/'))}/{group.Key}", root, chosen));
            }
        }

        return sites;
    }

    private sealed record Site(string Name, string Root, IReadOnlyList<string> Pages);

    private sealed record PageSample(string Site, string Page, int RawChars, int PrunedTokens, int Interactive, PrunedHtml Pruned, int[] Targets, int[] Kept);

    /// <summary>Serves each site's root read-only on one loopback port, under /s{index}/.</summary>
    private sealed class StaticServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly Dictionary<Site, int> _index;

        private StaticServer(WebApplication app, Dictionary<Site, int> index, Uri baseUri)
        {
            _app = app;
            _index = index;
            BaseUri = baseUri;
        }

        public Uri BaseUri { get; }

        public string Host => $"{BaseUri.Host}:{BaseUri.Port}";

        public static async Task<StaticServer> StartAsync(IReadOnlyList<Site> sites)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var index = new Dictionary<Site, int>();
            foreach (var root in sites.Select(s => s.Root).Distinct())
            {
                var i = index.Count;
                foreach (var site in sites.Where(s => s.Root == root))
                {
                    index[site] = i;
                }

                app.UseStaticFiles(new StaticFileOptions
                {
                    FileProvider = new PhysicalFileProvider(root),
                    RequestPath = $"/s{i}",
                    ServeUnknownFileTypes = true,
                });
            }

            await app.StartAsync();
            return new StaticServer(app, index, new Uri(app.Urls.Single().TrimEnd('/') + "/"));
        }

        public string UrlOf(Site site, string page) =>
            new Uri(BaseUri, $"s{_index[site]}/{string.Join('/', Path.GetRelativePath(site.Root, page).Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString))}").AbsoluteUri;

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
