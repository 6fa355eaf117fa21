using System.Diagnostics;
using System.Globalization;
using System.Text;
using ScribeActors.Agent.Pruning;

namespace ScribeActors.Bench;

/// <summary>
/// DOM pruning and token-budget fitting on large synthetic business-app pages (deterministic: nav, forms, wide tables
/// with row actions, card lists with SVG icons, inline scripts and styles, hashed CSS-in-JS class names, comments).
/// Needs neither Azurite nor a browser.
/// </summary>
internal static class PruningBenchmark
{
    private static readonly int[] PageSizes = [1_000_000, 5_000_000, 10_000_000];
    private static readonly int[] Budgets = [1_000, 4_000, 16_000];

    public static object Run(int runs, int targets = 200)
    {
        var counter = new CachingTokenCounter(ApproximateTokenCounter.Instance);
        var options = new PruneOptions { TokenCounter = counter };
        var pages = new List<object>();
        PrunedHtml? firstPage = null;
        foreach (var size in PageSizes)
        {
            var html = BuildPage(size, seed: size);
            Stats.Log($"pruning: page of {html.Length:N0} chars");
            HtmlPruner.Prune(html, options); // warm-up (JIT, ratio cache)
            var times = new List<double>();
            long allocated = 0;
            PrunedHtml? pruned = null;
            for (var run = 0; run < runs; run++)
            {
                GC.Collect();
                var before = GC.GetAllocatedBytesForCurrentThread();
                var started = Stopwatch.GetTimestamp();
                pruned = HtmlPruner.Prune(html, options);
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            }

            firstPage ??= pruned;
            pages.Add(new
            {
                inputChars = html.Length,
                outputChars = pruned!.Html.Length,
                sourceElements = pruned.SourceElementCount,
                outputNodes = pruned.NodeIds.Count,
                outputTokens = counter.CountTokens(pruned.Html),
                medianMs = Stats.Percentile(times, 50),
                minMs = Math.Round(times.Min(), 2),
                allocatedBytesPerPrune = allocated,
                allocatedPerInputChar = Math.Round((double)allocated / html.Length, 1),
            });
        }

        // Fitting on pages of realistic size too (a 1 MB page is ~400k tokens, far beyond any budget).
        var fitting = new List<object>();
        foreach (var size in new[] { 64_000, 256_000 })
        {
            fitting.Add(CompareFitters(HtmlPruner.Prune(BuildPage(size, seed: size), options), counter, targets));
        }

        fitting.Add(CompareFitters(firstPage!, counter, targets));
        return new { counter = counter.Name, runs, pages, fitting };
    }

    private static object CompareFitters(PrunedHtml dom, ITokenCounter counter, int targets)
    {
        // Targets: random interactive elements of the pruned page (seeded), as a recorded step would pick them.
        var interactive = dom.NodeIds.Where(id => IsInteractive(dom.TargetTag(id)!)).ToArray();
        var random = new Random(42);
        var chosen = Enumerable.Range(0, targets).Select(_ => interactive[random.Next(interactive.Length)]).ToArray();
        var results = new List<object>();
        foreach (var budget in Budgets)
        {
            var samples = chosen.Select(id => new FitSample(dom, id, budget)).ToArray();
            foreach (IDomFitter fitter in new IDomFitter[] { new TailFitter(), new InteractiveFirstFitter() })
            {
                var report = FitEvaluation.Evaluate(fitter, samples, counter);
                Stats.Log($"pruning: {fitter.Name} at {budget} tokens: target kept {report.TargetKeptRate:P1}");
                results.Add(new
                {
                    budget,
                    fitter = report.Fitter,
                    targetKeptRate = Math.Round(report.TargetKeptRate, 4),
                    meanTokens = Math.Round(report.MeanTokens, 1),
                    meanBudgetUse = Math.Round(report.MeanBudgetUse, 3),
                    meanMs = Math.Round(report.MeanMilliseconds, 2),
                    overBudget = report.OverBudget,
                });
            }
        }

        return new
        {
            prunedChars = dom.Html.Length,
            pageTokens = counter.CountTokens(dom.Html),
            interactiveElements = interactive.Length,
            targets,
            results,
        };
    }

    private static bool IsInteractive(string tag) =>
        tag.StartsWith("<a ", StringComparison.Ordinal) || tag.StartsWith("<button ", StringComparison.Ordinal)
        || tag.StartsWith("<input ", StringComparison.Ordinal) || tag.StartsWith("<select ", StringComparison.Ordinal)
        || tag.StartsWith("<textarea ", StringComparison.Ordinal) || tag.StartsWith("<option ", StringComparison.Ordinal)
        || tag.StartsWith("<label ", StringComparison.Ordinal) || tag.Contains(" role=", StringComparison.Ordinal)
        || tag.Contains(" on", StringComparison.Ordinal);

    /// <summary>A business-app page of at least <paramref name="targetChars"/> characters, the same for the same seed.</summary>
    internal static string BuildPage(int targetChars, int seed)
    {
        var random = new Random(seed);
        string Hash() => "css-" + random.Next(0x100000, 0xFFFFFF).ToString("x6", CultureInfo.InvariantCulture);
        string Word() => Words[random.Next(Words.Length)];
        string Sentence(int n) => string.Join(' ', Enumerable.Range(0, n).Select(_ => Word()));

        var sb = new StringBuilder(targetChars + 100_000);
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Acme Procurement · Invoices</title>")
          .Append("<link rel=\"stylesheet\" href=\"/static/app.3f9a2c.css\"><style>");
        for (var i = 0; i < 60; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $".{Hash()}{{display:flex;margin:{i}px;color:#{random.Next(0xFFFFFF):x6}}}");
        }

        sb.Append("</style><script>window.__INITIAL_STATE__={\"user\":{\"id\":1842,\"roles\":[\"approver\"]},\"flags\":{\"newGrid\":true}};</script></head>")
          .Append(CultureInfo.InvariantCulture, $"<body class=\"{Hash()} theme-light\"><div id=\"root\"><div class=\"{Hash()} app-shell\" data-reactroot=\"\">")
          .Append("<header class=\"topbar\"><nav aria-label=\"Main\"><ul class=\"nav-list\">");
        foreach (var item in new[] { "Dashboard", "Invoices", "Purchase orders", "Suppliers", "Payments", "Reports", "Settings", "Help" })
        {
            sb.Append(CultureInfo.InvariantCulture, $"<li class=\"nav-item {Hash()}\"><a href=\"/{item.ToLowerInvariant().Replace(' ', '-')}\" class=\"nav-link\">{item}</a></li>");
        }

        sb.Append("</ul></nav><form role=\"search\" class=\"search\"><input type=\"search\" name=\"q\" placeholder=\"Search invoices, suppliers…\" class=\"search-input\">")
          .Append("<button type=\"submit\" aria-label=\"Search\"><svg viewBox=\"0 0 24 24\" class=\"icon\"><path d=\"M15.5 14h-.79l-.28-.27A6.47 6.47 0 0 0 16 9.5 6.5 6.5 0 1 0 9.5 16c1.61 0 3.09-.59 4.23-1.57l.27.28v.79l5 4.99L20.49 19l-4.99-5z\"></path></svg></button></form></header>")
          .Append("<main class=\"content\">");
        var section = 0;
        var invoice = 10_000;
        while (sb.Length < targetChars)
        {
            section++;
            sb.Append(CultureInfo.InvariantCulture, $"<!-- section {section} --><section class=\"{Hash()} panel\" data-testid=\"panel-{section}\"><h2>{Sentence(3)}</h2><p>{Sentence(25)}.</p>");
            sb.Append(CultureInfo.InvariantCulture, $"<div class=\"toolbar\"><button type=\"button\" class=\"btn btn-secondary {Hash()}\" onclick=\"exportCsv({section})\">Export</button><div role=\"button\" tabindex=\"0\" class=\"{Hash()}\" jsaction=\"click:filter\">Filter</div></div>");
            sb.Append("<table class=\"grid\"><thead><tr><th>Invoice</th><th>Supplier</th><th>Amount</th><th>Status</th><th></th></tr></thead><tbody>");
            for (var row = 0; row < 60; row++)
            {
                invoice++;
                sb.Append(CultureInfo.InvariantCulture, $"<tr class=\"grid-row {Hash()}\" data-row-id=\"{Guid(random)}\" style=\"height:32px\">")
                  .Append(CultureInfo.InvariantCulture, $"<td class=\"cell\"><a href=\"/invoices/INV-{invoice}\" data-tracking=\"{Guid(random)}\">INV-{invoice}</a></td>")
                  .Append(CultureInfo.InvariantCulture, $"<td class=\"cell\"><span class=\"{Hash()}\">{Word()} {Word()} GmbH</span></td>")
                  .Append(CultureInfo.InvariantCulture, $"<td class=\"cell amount\">{random.Next(10, 99999)}.{random.Next(0, 99):D2} EUR</td>")
                  .Append(CultureInfo.InvariantCulture, $"<td class=\"cell\"><span class=\"badge badge-{(row % 3 == 0 ? "open" : "paid")}\">{(row % 3 == 0 ? "Open" : "Paid")}</span></td>")
                  .Append(CultureInfo.InvariantCulture, $"<td class=\"cell actions\"><button type=\"button\" class=\"btn btn-primary {Hash()}\" onclick=\"approve('{invoice}')\">Approve</button>")
                  .Append("<button type=\"button\" class=\"btn-icon\" aria-label=\"More actions\"><svg viewBox=\"0 0 24 24\"><circle cx=\"12\" cy=\"5\" r=\"2\"></circle><circle cx=\"12\" cy=\"12\" r=\"2\"></circle></svg></button></td></tr>\n");
            }

            sb.Append("</tbody></table><nav class=\"pagination\" aria-label=\"Pages\">");
            for (var page = 1; page <= 5; page++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<a href=\"?page={page}\" class=\"page-link\">{page}</a>");
            }

            sb.Append(CultureInfo.InvariantCulture, $"</nav><script>analytics.track('panel', {{\"id\":{section},\"hash\":\"{Guid(random)}\"}});</script>");
            sb.Append(CultureInfo.InvariantCulture, $"<form class=\"dispute-form\" action=\"/disputes\" method=\"post\"><input type=\"hidden\" name=\"csrf\" value=\"{Guid(random)}{Guid(random)}\">")
              .Append(CultureInfo.InvariantCulture, $"<label for=\"reason-{section}\">Reason</label><select id=\"reason-{section}\" name=\"reason\">");
            foreach (var reason in new[] { "Wrong amount", "Duplicate invoice", "Goods not received", "Wrong VAT", "Other" })
            {
                sb.Append(CultureInfo.InvariantCulture, $"<option value=\"{reason.ToLowerInvariant().Replace(' ', '-')}\">{reason}</option>");
            }

            sb.Append(CultureInfo.InvariantCulture, $"</select><label>Comment <textarea name=\"comment\" placeholder=\"Describe the problem\"></textarea></label><input type=\"checkbox\" name=\"urgent\" id=\"urgent-{section}\"><label for=\"urgent-{section}\">Urgent</label>")
              .Append("<button type=\"submit\" class=\"btn btn-primary\">Submit dispute</button></form>");
            sb.Append("<ul class=\"cards\">");
            for (var card = 0; card < 12; card++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<li class=\"card {Hash()}\"><div class=\"card-body\"><svg class=\"icon\" viewBox=\"0 0 24 24\"><path d=\"M{random.Next(99)} {random.Next(99)}L{random.Next(99)} {random.Next(99)}Z\"></path></svg><h3>{Sentence(2)}</h3><p>{Sentence(12)}</p><i class=\"fa fa-chevron\"></i></div></li>");
            }

            sb.Append("</ul></section>\n");
        }

        sb.Append("</main><footer class=\"footer\"><p>© Acme Procurement</p><a href=\"/privacy\">Privacy</a></footer></div></div>")
          .Append("<script src=\"/static/app.3f9a2c.js\"></script></body></html>");
        return sb.ToString();
    }

    private static string Guid(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new System.Guid(bytes).ToString();
    }

    private static readonly string[] Words =
    [
        "invoice", "supplier", "payment", "order", "delivery", "approval", "budget", "quarter", "review", "account",
        "contract", "freight", "customs", "warehouse", "credit", "note", "balance", "due", "overdue", "pending",
        "Northwind", "Contoso", "Fabrikam", "Tailspin", "Litware", "Proseware", "Adventure", "Works",
    ];
}
