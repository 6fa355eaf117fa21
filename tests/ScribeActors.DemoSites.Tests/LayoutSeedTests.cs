using AngleSharp.Dom;
using ScribeActors.DemoSites.State;
using ScribeActors.DemoSites.Tests.Support;

namespace ScribeActors.DemoSites.Tests;

public sealed class LayoutSeedTests
{
    [Fact]
    public async Task Pages_SameSeedAfterReset_AreIdenticalHtml()
    {
        await using var sites = await DemoSitesApp.StartAsync(seed: 21);
        var first = await CapturePagesAsync(sites);
        sites.Reset(4);
        sites.Reset(21);
        var second = await CapturePagesAsync(sites);

        Assert.Equal(first.Keys, second.Keys);
        foreach (var (path, html) in first)
        {
            Assert.True(html == second[path], $"{path} differs between two runs of seed 21.");
        }
    }

    [Fact]
    public async Task Pages_DifferentSeeds_DifferInIdsAndClassesButKeepNamesLabelsAndButtons()
    {
        await using var sites = await DemoSitesApp.StartAsync(seed: 1);
        var one = await CapturePagesAsync(sites);
        sites.Reset(2);
        var two = await CapturePagesAsync(sites);

        foreach (var path in new[] { "login", "dispute", "expense-step1", "approvals" })
        {
            var a = Parse(one[path]);
            var b = Parse(two[path]);
            Assert.Empty(Ids(a).Intersect(Ids(b)));
            Assert.Empty(Classes(a).Intersect(Classes(b)));
            Assert.Equal(Names(a), Names(b));
            Assert.Equal(Texts(a, "label"), Texts(b, "label"));
            Assert.Equal(Texts(a, "button[type=submit]").Where(t => t != "Subscribe"), Texts(b, "button[type=submit]").Where(t => t != "Subscribe"));
        }
    }

    [Fact]
    public void Layouts_AcrossSeeds_VaryFieldOrderNavOrderAndDistractors()
    {
        var layouts = Enumerable.Range(0, 24).Select(seed => new Layout.SiteLayout(seed)).ToList();

        Assert.True(layouts.Select(l => string.Join(",", l.Order("supplier:dispute-fields", ["reason", "amount", "description"]))).Distinct().Count() > 1);
        Assert.True(layouts.Select(l => string.Join(",", l.Order("expenses:basics-fields", ["date", "category", "amount", "merchant"]))).Distinct().Count() > 1);
        Assert.True(layouts.Select(l => string.Join(",", l.Order("nav:supplier", ["a", "b", "c", "d"]))).Distinct().Count() > 1);
        foreach (var distractor in new[] { "promo:supplier", "cookie-notice", "supplier:save-draft", "expenses:save-draft", "supplier:print" })
        {
            Assert.Contains(layouts, l => l.Has(distractor));
            Assert.Contains(layouts, l => !l.Has(distractor));
        }
    }

    [Fact]
    public async Task DisputeForm_TwoSeeds_RenderFieldsInTheirOwnOrder()
    {
        var orders = new HashSet<string>();
        await using var sites = await DemoSitesApp.StartAsync();
        for (var seed = 0; seed < 12 && orders.Count < 2; seed++)
        {
            sites.Reset(seed);
            var pages = await CapturePagesAsync(sites);
            orders.Add(string.Join(",", Parse(pages["dispute"]).QuerySelectorAll("main [name]").Select(e => e.GetAttribute("name"))));
        }

        Assert.True(orders.Count > 1, "Every seed rendered the dispute fields in the same order.");
    }

    private static async Task<Dictionary<string, string>> CapturePagesAsync(RunningDemoSites sites)
    {
        using var supplier = new WebSession(sites.BaseUrl);
        using var employee = new WebSession(sites.BaseUrl);
        using var manager = new WebSession(sites.BaseUrl);
        var pages = new Dictionary<string, string> { ["login"] = (await supplier.GetAsync("/supplier/login")).Html };
        await supplier.SignInSupplierAsync();
        var invoice = sites.GetState().Invoices.First(i => i.Status == InvoiceStatus.Open);
        pages["invoices"] = (await supplier.GetAsync("/supplier/invoices?page=2")).Html;
        pages["invoice"] = (await supplier.GetAsync($"/supplier/invoices/{invoice.Number}")).Html;
        pages["dispute"] = (await supplier.GetAsync($"/supplier/invoices/{invoice.Number}/dispute")).Html;
        pages["chat"] = (await supplier.GetAsync("/supplier/support/chat")).Html;
        await employee.SignInEmployeeAsync();
        pages["expenses-home"] = (await employee.GetAsync("/expenses")).Html;
        pages["expense-step1"] = (await employee.GetAsync("/expenses/new")).Html;
        await manager.SignInManagerAsync();
        pages["approvals"] = (await manager.GetAsync("/expenses/approvals")).Html;
        return pages;
    }

    private static IDocument Parse(string html) => new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);

    private static HashSet<string> Ids(IDocument d) => [.. d.QuerySelectorAll("[id]").Select(e => e.Id!)];

    private static HashSet<string> Classes(IDocument d) => [.. d.QuerySelectorAll("[class]").SelectMany(e => e.ClassList)];

    /// <summary>Field names in the main content, sorted; the optional "Keep me signed in" distractor is left out.</summary>
    private static List<string> Names(IDocument d) =>
        [.. d.QuerySelectorAll("main [name]").Select(e => e.GetAttribute("name")!).Where(n => n != "remember").Order(StringComparer.Ordinal)];

    private static List<string> Texts(IDocument d, string selector) =>
        [.. d.QuerySelectorAll("main " + selector).Select(e => Selectors.Normalize(e.TextContent)).Where(t => t != "Keep me signed in").Order(StringComparer.Ordinal)];
}
