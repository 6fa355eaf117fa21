using System.Diagnostics;
using System.Globalization;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using ScribeActors.Abstractions;
using ScribeActors.Agent;

namespace ScribeActors.Bench;

/// <summary>
/// Replay's target matching on invoice tables of growing size (every row: id, customer, amount, an "Approve" text
/// button and edit/delete/download icon buttons, a star span). Per page size: the DOM parse every replayed step pays
/// anyway (the natural baseline), then the locate of a text button known by text and row context (the evidence
/// recordings had before classes, icons and row places) and of an icon-only button known by icon, classes, row
/// context and place in the row, each on a fresh index (first locate, lazy analyses included) and warm. Time per
/// 1,000 elements across sizes shows whether the cost stays linear. Needs neither Azurite nor a browser.
/// </summary>
internal static class LocatorBenchmark
{
    private static readonly int[] RowCounts = [250, 1_000, 4_000];

    public static object Run(int runs)
    {
        var sizes = new List<object>();
        foreach (var rows in RowCounts)
        {
            var html = Page(rows);
            var recorded = DomIndex.Parse(html);
            var target = $"INV-{(rows * 2 / 3) + 1}";
            var text = recorded.Signature(Find(recorded, e => e.LocalName == "button" && e.TextContent == "Approve" && RowOf(e) == target))
                with { Classes = null, Icons = null, LabelledBy = null, Cell = null, RowIndex = null };
            var icon = recorded.Signature(Find(recorded, e => e.GetAttribute("data-act") == "delete" && RowOf(e) == target));
            Stats.Log($"locate: {rows} rows, {recorded.Count:N0} elements");

            var parse = new List<double>();
            var textFirst = new List<double>();
            var textWarm = new List<double>();
            var iconFirst = new List<double>();
            var iconWarm = new List<double>();
            for (var run = 0; run < runs + 1; run++)
            {
                var started = Stopwatch.GetTimestamp();
                var forText = DomIndex.Parse(html);
                var parsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var forIcon = DomIndex.Parse(html);
                var t1 = Time(() => Check(forText, text, "Approve"));
                var t2 = Time(() => Check(forText, text, "Approve"));
                var i1 = Time(() => Check(forIcon, icon, "delete"));
                var i2 = Time(() => Check(forIcon, icon, "delete"));
                if (run == 0)
                {
                    continue; // warm-up (JIT)
                }

                parse.Add(parsed);
                textFirst.Add(t1);
                textWarm.Add(t2);
                iconFirst.Add(i1);
                iconWarm.Add(i2);
            }

            sizes.Add(new
            {
                rows,
                elements = recorded.Count,
                parseMedianMs = Stats.Percentile(parse, 50),
                textLocateFirstMedianMs = Stats.Percentile(textFirst, 50),
                textLocateWarmMedianMs = Stats.Percentile(textWarm, 50),
                iconLocateFirstMedianMs = Stats.Percentile(iconFirst, 50),
                iconLocateWarmMedianMs = Stats.Percentile(iconWarm, 50),
                textLocateWarmMinMs = Math.Round(textWarm.Min(), 3),
                iconLocateWarmMinMs = Math.Round(iconWarm.Min(), 3),
                iconOverTextFirst = Ratio(iconFirst, textFirst),
                iconOverTextWarmMin = Math.Round(iconWarm.Min() / textWarm.Min(), 3),
                iconFirstOverParse = Ratio(iconFirst, parse),
                iconFirstMsPer1000Elements = Math.Round(Stats.Percentile(iconFirst, 50) * 1000 / recorded.Count, 3),
                textFirstMsPer1000Elements = Math.Round(Stats.Percentile(textFirst, 50) * 1000 / recorded.Count, 3),
            });
        }

        return new { runs, sizes };
    }

    private static double Ratio(List<double> a, List<double> b) => Math.Round(Stats.Percentile(a, 50) / Stats.Percentile(b, 50), 3);

    private static double Time(Action action)
    {
        var started = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private static void Check(DomIndex dom, TargetSignature signature, string expected)
    {
        var match = TargetLocator.Locate(dom, signature);
        var element = match.NodeId is { } id ? dom.Find(id) : null;
        if (element is null || (element.TextContent != expected && element.GetAttribute("data-act") != expected))
        {
            throw new InvalidOperationException($"The locator missed the {expected} target: {match.Reason}");
        }
    }

    private static int Find(DomIndex dom, Func<IElement, bool> pick) => dom.NodeIds.First(n => pick(dom.Find(n)!));

    private static string? RowOf(IElement e) => e.Closest("tr")?.GetAttribute("data-row");

    private static string Page(int rows)
    {
        var sb = new StringBuilder("<html><head><title>Invoices</title></head><body><nav><a href=\"/\">Home</a><a href=\"/invoices\">Invoices</a></nav><table class=\"table sc-AbCdE\"><tbody>");
        for (var i = 1; i <= rows; i++)
        {
            var amount = (i * 37 % 5000).ToString("0.00", CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"<tr data-row=\"INV-{i}\"><td>INV-{i}</td><td>Customer {i % 97}</td><td>{amount}</td>")
                .Append("<td><button type=\"submit\" class=\"btn css-1x2y3z\">Approve</button></td><td>")
                .Append("<button type=\"button\" class=\"icon-btn css-1x2y3z\" data-act=\"edit\"><svg class=\"icon\"><use href=\"#icon-edit\"></use></svg></button>")
                .Append("<button type=\"button\" class=\"icon-btn css-1x2y3z\" data-act=\"delete\"><i class=\"fa fa-trash\"></i></button>")
                .Append("<button type=\"button\" class=\"icon-btn css-1x2y3z\" data-act=\"download\"><img src=\"/icons/download.svg\" alt=\"Download\"></button>")
                .Append("</td><td><span class=\"star\"></span></td></tr>");
        }

        var document = new HtmlParser().ParseDocument(sb.Append("</tbody></table></body></html>").ToString());
        var elements = document.DocumentElement.DescendantsAndSelf<IElement>().ToList();
        for (var i = 0; i < elements.Count; i++)
        {
            elements[elements.Count - 1 - i].SetAttribute("node", i.ToString(CultureInfo.InvariantCulture));
        }

        return document.DocumentElement.OuterHtml;
    }
}
