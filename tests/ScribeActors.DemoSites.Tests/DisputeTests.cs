using System.Net;
using ScribeActors.DemoSites.State;
using ScribeActors.DemoSites.Tests.Support;

namespace ScribeActors.DemoSites.Tests;

public sealed class DisputeTests
{
    [Theory]
    [InlineData("reason", "", "Choose a reason for the dispute.")]
    [InlineData("reason", "made-up", "Choose a reason for the dispute.")]
    [InlineData("amount", "", "Enter the disputed amount.")]
    [InlineData("amount", "12,50", "Enter the amount as a number, for example 120.50.")]
    [InlineData("amount", "ten", "Enter the amount as a number, for example 120.50.")]
    [InlineData("amount", "0", "The disputed amount must be greater than zero.")]
    [InlineData("amount", "1.005", "Use at most two decimal places.")]
    [InlineData("amount", "99999999", "The disputed amount cannot exceed the invoice total of")]
    [InlineData("description", "", "Describe the problem.")]
    [InlineData("description", "Too short", "The description must be at least 15 characters.")]
    [InlineData("confirm", "", "Tick the box to confirm that the information is correct.")]
    public async Task Submit_OneFieldInvalid_ShowsItsErrorKeepsValuesAndFilesNothing(string field, string value, string message)
    {
        await using var sites = await DemoSitesApp.StartAsync(seed: 7);
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInSupplierAsync();
        var invoice = Disputable(sites);
        var fields = ValidFields().Where(f => f.Name != field).ToList();
        if (value.Length > 0)
        {
            fields.Add((field, value));
        }

        var page = await web.PostAsync($"/supplier/invoices/{invoice.Number}/dispute", [.. fields]);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(message, page.Document.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        var control = page.Document.QuerySelector($"[name={field}]")!;
        Assert.Equal("true", control.GetAttribute("aria-invalid"));
        Assert.Contains(message, page.Document.GetElementById(control.GetAttribute("aria-describedby")!)!.TextContent, StringComparison.Ordinal);
        Assert.Single(page.Document.QuerySelectorAll("[aria-invalid=true]"));
        if (field != "amount")
        {
            Assert.Equal("42.10", page.Document.QuerySelector("input[name=amount]")!.GetAttribute("value"));
        }

        if (field != "description")
        {
            Assert.Equal("Four of the ten boxes were crushed.", page.Document.QuerySelector("textarea[name=description]")!.TextContent);
        }

        if (field != "reason")
        {
            Assert.NotNull(page.Document.QuerySelector("select[name=reason] option[value=damaged][selected]"));
        }

        if (field != "confirm")
        {
            Assert.True(page.Document.QuerySelector("input[name=confirm]")!.HasAttribute("checked"));
        }

        var state = sites.GetState();
        Assert.Empty(state.Disputes);
        Assert.Equal(1, state.FailedCount(FormNames.SupplierDispute));
        Assert.Equal(0, state.SubmissionCount(FormNames.SupplierDispute));
    }

    [Fact]
    public async Task Submit_Valid_RedirectsToConfirmationWithReferenceAndCountsOnce()
    {
        await using var sites = await DemoSitesApp.StartAsync(seed: 7);
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInSupplierAsync();
        var invoice = Disputable(sites);

        var page = await web.PostAsync($"/supplier/invoices/{invoice.Number}/dispute", [.. ValidFields()]);

        var state = sites.GetState();
        var dispute = Assert.Single(state.Disputes);
        Assert.Equal(HttpStatusCode.Redirect, web.Redirects.Single().Status);
        Assert.Equal($"/supplier/disputes/{dispute.Reference}", page.Url.AbsolutePath);
        Assert.Contains($"Your dispute has been submitted. Reference: {dispute.Reference}", page.Text, StringComparison.Ordinal);
        Assert.Equal((invoice.Number, "damaged", "Damaged goods", 42.10m, "Four of the ten boxes were crushed.", "alice"),
            (dispute.InvoiceNumber, dispute.ReasonCode, dispute.Reason, dispute.Amount, dispute.Description, dispute.SubmittedBy));
        Assert.Equal(InvoiceStatus.Disputed, state.Invoices.Single(i => i.Number == invoice.Number).Status);
        Assert.Equal(1, state.SubmissionCount(FormNames.SupplierDispute));
        Assert.Equal(0, state.FailedCount(FormNames.SupplierDispute));
    }

    [Fact]
    public async Task FormGet_InvoiceAlreadyDisputed_Redirects302ToConfirmation()
    {
        await using var sites = await DemoSitesApp.StartAsync(seed: 7);
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInSupplierAsync();
        var invoice = Disputable(sites);
        await web.PostAsync($"/supplier/invoices/{invoice.Number}/dispute", [.. ValidFields()]);
        var reference = sites.GetState().Disputes.Single().Reference;

        using var response = await web.RawGetAsync($"/supplier/invoices/{invoice.Number}/dispute");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/supplier/disputes/{reference}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Submit_Twice_FilesOneDisputeAndCountsTheRepeatAsRefused()
    {
        await using var sites = await DemoSitesApp.StartAsync(seed: 7);
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInSupplierAsync();
        var invoice = Disputable(sites);

        await web.PostAsync($"/supplier/invoices/{invoice.Number}/dispute", [.. ValidFields()]);
        var again = await web.PostAsync($"/supplier/invoices/{invoice.Number}/dispute", ("reason", "duplicate"), ("amount", "1.00"),
            ("description", "A second, different dispute."), ("confirm", "yes"));

        var state = sites.GetState();
        var dispute = Assert.Single(state.Disputes);
        Assert.Equal("damaged", dispute.ReasonCode);
        Assert.Equal($"/supplier/disputes/{dispute.Reference}", again.Url.AbsolutePath);
        Assert.Equal(1, state.SubmissionCount(FormNames.SupplierDispute));
        Assert.Equal(1, state.FailedCount(FormNames.SupplierDispute));
    }

    [Fact]
    public async Task Detail_DisputedInvoice_LinksToDisputeInsteadOfForm()
    {
        await using var sites = await DemoSitesApp.StartAsync(seed: 7);
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInSupplierAsync();
        var invoice = Disputable(sites);
        await web.PostAsync($"/supplier/invoices/{invoice.Number}/dispute", [.. ValidFields()]);

        var page = await web.GetAsync($"/supplier/invoices/{invoice.Number}");
        var disputes = await web.GetAsync("/supplier/disputes");

        Assert.Empty(Selectors.QueryAll(page.Document, "a:has-text(\"Dispute this invoice\")"));
        Assert.Contains("This invoice is under dispute", page.Text, StringComparison.Ordinal);
        Assert.Contains(invoice.Number, disputes.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_PaidInvoice_IsRefused()
    {
        await using var sites = await DemoSitesApp.StartAsync(seed: 7);
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInSupplierAsync();
        var paid = sites.GetState().Invoices.First(i => i.Status == InvoiceStatus.Paid);

        var page = await web.PostAsync($"/supplier/invoices/{paid.Number}/dispute", [.. ValidFields()]);

        Assert.Contains("Paid invoices cannot be disputed.", page.Text, StringComparison.Ordinal);
        Assert.Empty(sites.GetState().Disputes);
    }

    [Fact]
    public async Task Confirmation_UnknownReference_Returns404()
    {
        await using var sites = await DemoSitesApp.StartAsync();
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInSupplierAsync();
        var page = await web.GetAsync("/supplier/disputes/DSP-1");
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("There is no dispute DSP-1.", page.Text, StringComparison.Ordinal);
    }

    private static Invoice Disputable(RunningDemoSites sites) =>
        sites.GetState().Invoices.First(i => i.Status is InvoiceStatus.Open or InvoiceStatus.Overdue && i.Amount > 50m);

    private static List<(string Name, string Value)> ValidFields() =>
        [("reason", "damaged"), ("amount", "42.10"), ("description", "Four of the ten boxes were crushed."), ("confirm", "yes")];
}
