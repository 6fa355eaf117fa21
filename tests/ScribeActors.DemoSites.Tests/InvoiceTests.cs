using System.Net;
using ScribeActors.DemoSites.State;
using ScribeActors.DemoSites.Tests.Support;

namespace ScribeActors.DemoSites.Tests;

public sealed class InvoiceTests
{
    [Fact]
    public async Task List_NoQuery_ShowsTenPerPageNewestFirstWithPager()
    {
        await using var sites = await DemoSitesApp.StartAsync(seed: 2);
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInSupplierAsync();
        var invoices = sites.GetState().Invoices;

        var page1 = await web.GetAsync("/supplier/invoices");
        Assert.Equal(invoices.Take(10).Select(i => i.Number), Numbers(page1));
        Assert.Contains("Showing 1–10 of 35 invoices", page1.Text, StringComparison.Ordinal);
        Assert.Contains("Page 1 of 4", page1.Text, StringComparison.Ordinal);
        Assert.Equal("span", Selectors.Single(page1.Document, "text=Previous page", "page 1").LocalName);

        var next = Selectors.Single(page1.Document, "text=Next page", "page 1");
        var page2 = await web.GetAsync(next.GetAttribute("href")!);
        Assert.Equal(invoices.Skip(10).Take(10).Select(i => i.Number), Numbers(page2));

        var page4 = await web.GetAsync("/supplier/invoices?page=4");
        Assert.Equal(invoices.Skip(30).Select(i => i.Number), Numbers(page4));
        Assert.Equal("span", Selectors.Single(page4.Document, "text=Next page", "page 4").LocalName);
        Assert.Empty(sites.GetState().Searches);
    }

    [Theory]
    [InlineData("99", 4)]
    [InlineData("0", 1)]
    [InlineData("abc", 1)]
    public async Task List_PageOutOfRange_ClampsToAvailablePages(string page, int shown)
    {
        await using var sites = await DemoSitesApp.StartAsync();
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInSupplierAsync();
        var result = await web.GetAsync($"/supplier/invoices?page={page}");
        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains($"Page {shown} of 4", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_ByNumber_FindsOnlyThatInvoiceAndRecordsTheSearch()
    {
        await using var sites = await DemoSitesApp.StartAsync(seed: 5);
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInSupplierAsync();
        var invoice = sites.GetState().Invoices[17];

        var page = await web.GetAsync($"/supplier/invoices?q={invoice.Number.ToLowerInvariant()}");

        Assert.Equal([invoice.Number], Numbers(page));
        Assert.Equal(invoice.Number.ToLowerInvariant(), page.Document.QuerySelector("input[name=q]")!.GetAttribute("value"));
        var search = Assert.Single(sites.GetState().Searches);
        Assert.Equal(new InvoiceSearch("alice", invoice.Number.ToLowerInvariant(), "", 1, 1), search);
    }

    [Fact]
    public async Task Search_VendorAndStatus_FiltersBoth()
    {
        await using var sites = await DemoSitesApp.StartAsync(seed: 5);
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInSupplierAsync();
        var invoices = sites.GetState().Invoices;
        var vendor = invoices.GroupBy(i => i.Vendor).OrderByDescending(g => g.Count()).First().Key;
        var expected = invoices.Where(i => i.Vendor == vendor && i.Status == InvoiceStatus.Paid).Select(i => i.Number).Take(10).ToList();

        var page = await web.GetAsync($"/supplier/invoices?q={Uri.EscapeDataString(vendor.ToUpperInvariant())}&status=paid");

        Assert.Equal(expected, Numbers(page));
        Assert.NotNull(page.Document.QuerySelector("select[name=status] option[value=paid][selected]"));
    }

    [Fact]
    public async Task Search_NoMatch_SaysSo()
    {
        await using var sites = await DemoSitesApp.StartAsync();
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInSupplierAsync();
        var page = await web.GetAsync("/supplier/invoices?q=no-such-vendor");
        Assert.Contains("No invoices match your search.", page.Text, StringComparison.Ordinal);
        Assert.Empty(Numbers(page));
    }

    [Fact]
    public async Task Detail_ShowsLinesActionsStatusBadgeAndSupportIframe()
    {
        await using var sites = await DemoSitesApp.StartAsync(seed: 3);
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInSupplierAsync();
        var invoice = sites.GetState().Invoices.First(i => i.Status == InvoiceStatus.Open);

        var page = await web.GetAsync($"/supplier/invoices/{invoice.Number}");

        Assert.Contains($"Invoice {invoice.Number}", page.Text, StringComparison.Ordinal);
        Assert.Equal(invoice.Lines.Count, page.Document.QuerySelectorAll("table tbody tr").Length);
        Selectors.Single(page.Document, "a:has-text(\"Download PDF\")", "detail");
        Selectors.Single(page.Document, "a:has-text(\"Dispute this invoice\")", "detail");
        Assert.Equal("Open", page.Document.QuerySelector("status-badge")!.GetAttribute("status"));
        Assert.Contains("attachShadow({mode:'open'})", page.Html, StringComparison.Ordinal);
        Assert.Equal("/supplier/support/chat", page.Document.QuerySelector("iframe")!.GetAttribute("src"));
    }

    [Fact]
    public async Task Detail_PaidInvoice_OffersNoDispute()
    {
        await using var sites = await DemoSitesApp.StartAsync(seed: 3);
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInSupplierAsync();
        var invoice = sites.GetState().Invoices.First(i => i.Status == InvoiceStatus.Paid);

        var page = await web.GetAsync($"/supplier/invoices/{invoice.Number}");

        Assert.Empty(Selectors.QueryAll(page.Document, "a:has-text(\"Dispute this invoice\")"));
        Assert.Contains("Paid invoices cannot be disputed.", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detail_UnknownInvoice_Returns404Page()
    {
        await using var sites = await DemoSitesApp.StartAsync();
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInSupplierAsync();
        var page = await web.GetAsync("/supplier/invoices/INV-0000");
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("There is no invoice INV-0000.", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pdf_Download_CountsServerSideAndIsAnAttachment()
    {
        await using var sites = await DemoSitesApp.StartAsync();
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInSupplierAsync();
        var number = sites.GetState().Invoices[0].Number;

        using var first = await web.RawGetAsync($"/supplier/invoices/{number}/pdf");
        using var second = await web.RawGetAsync($"/supplier/invoices/{number}/pdf");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/pdf", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", first.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"{number}.pdf", first.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var body = await first.Content.ReadAsStringAsync();
        Assert.StartsWith("%PDF-1.4", body, StringComparison.Ordinal);
        Assert.Contains(number, body, StringComparison.Ordinal);
        var state = sites.GetState();
        Assert.Equal(2, state.DownloadCounts[number]);
        Assert.All(state.Downloads, d => Assert.Equal(new InvoiceDownload(number, "alice"), d));
    }

    [Fact]
    public async Task Pdf_SignedOut_RedirectsToLoginWithoutCounting()
    {
        await using var sites = await DemoSitesApp.StartAsync();
        using var web = new WebSession(sites.BaseUrl);
        var number = sites.GetState().Invoices[0].Number;
        using var response = await web.RawGetAsync($"/supplier/invoices/{number}/pdf");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Empty(sites.GetState().Downloads);
    }

    [Fact]
    public async Task SupportChat_SendMessage_ShowsItAndCountsSubmission()
    {
        await using var sites = await DemoSitesApp.StartAsync();
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInSupplierAsync();

        var empty = await web.PostAsync("/supplier/support/chat", ("message", " "));
        Assert.Contains("Type a message first.", empty.Text, StringComparison.Ordinal);

        var page = await web.PostAsync("/supplier/support/chat", ("message", "When is INV-1 paid?"));
        Assert.Equal("/supplier/support/chat", page.Url.AbsolutePath);
        Assert.Contains("Alice Moreau: When is INV-1 paid?", page.Text, StringComparison.Ordinal);
        var state = sites.GetState();
        Assert.Equal(1, state.SubmissionCount(FormNames.SupplierSupport));
        Assert.Equal(1, state.FailedCount(FormNames.SupplierSupport));
        Assert.Equal(new SupportMessage("alice", "When is INV-1 paid?"), Assert.Single(state.SupportMessages));
    }

    private static List<string> Numbers(WebPage page) =>
        [.. page.Document.QuerySelectorAll("table tbody tr td:first-child a").Select(a => a.TextContent)];
}
