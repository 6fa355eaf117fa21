using System.Net;
using ScribeActors.DemoSites.State;
using ScribeActors.DemoSites.Tests.Support;

namespace ScribeActors.DemoSites.Tests;

public sealed class ExpenseReportTests
{
    private static readonly (string, string)[] Basics = [("date", "2025-04-03"), ("category", "travel"), ("amount", "186.40"), ("merchant", "Deutsche Bahn")];
    private static readonly (string, string)[] Details = [("description", "Train to the Hamburg workshop"), ("receipt", "yes"), ("project", "PRJ-104")];

    [Fact]
    public async Task MultiStepForm_AllSteps_SubmitsOnePendingReport()
    {
        await using var sites = await DemoSitesApp.StartAsync(seed: 11);
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInEmployeeAsync();

        var step1 = await web.GetAsync("/expenses/new");
        Assert.Equal("date", step1.Document.QuerySelector("input[name=date]")!.GetAttribute("type"));
        Assert.NotNull(step1.Document.QuerySelector("select[name=category]"));

        var step2 = await web.PostAsync("/expenses/new", Basics);
        Assert.Matches("^/expenses/reports/EXP-\\d+/details$", step2.Url.AbsolutePath);
        Assert.NotNull(step2.Document.QuerySelector("input[type=checkbox][name=receipt]"));
        Assert.NotNull(step2.Document.QuerySelector("select[name=project]"));
        var id = step2.Url.Segments[3].TrimEnd('/');
        Assert.Equal(ExpenseStatus.Draft, sites.GetState().ExpenseReports.Single(r => r.Id == id).Status);

        var review = await web.PostAsync($"/expenses/reports/{id}/details", Details);
        Assert.Equal($"/expenses/reports/{id}/review", review.Url.AbsolutePath);
        Assert.Contains("Deutsche Bahn", review.Text, StringComparison.Ordinal);
        Assert.Contains("Apollo rollout (PRJ-104)", review.Text, StringComparison.Ordinal);

        var confirmation = await web.PostAsync($"/expenses/reports/{id}/review");
        Assert.Equal($"/expenses/reports/{id}/submitted", confirmation.Url.AbsolutePath);
        Assert.Contains($"Expense report {id} was submitted for approval.", confirmation.Text, StringComparison.Ordinal);

        var state = sites.GetState();
        var report = state.ExpenseReports.Single(r => r.Id == id);
        Assert.Equal((new DateOnly(2025, 4, 3), "Travel", 186.40m, "Deutsche Bahn", "Train to the Hamburg workshop", true, "PRJ-104", ExpenseStatus.Pending, "bob"),
            (report.Date, report.Category, report.Amount, report.Merchant, report.Description, report.ReceiptAttached, report.Project, report.Status, report.Employee));
        Assert.Equal(1, state.SubmissionCount(FormNames.ExpensesBasics));
        Assert.Equal(1, state.SubmissionCount(FormNames.ExpensesDetails));
        Assert.Equal(1, state.SubmissionCount(FormNames.ExpensesReport));
        Assert.Contains(id, (await web.GetAsync("/expenses")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReviewGet_AfterSubmission_Redirects302ToConfirmation()
    {
        await using var sites = await DemoSitesApp.StartAsync();
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInEmployeeAsync();
        var id = await SubmitAsync(web);

        foreach (var step in new[] { "review", "details" })
        {
            using var response = await web.RawGetAsync($"/expenses/reports/{id}/{step}");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal($"/expenses/reports/{id}/submitted", response.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task SubmitPost_Repeated_CountsOnceAndTheRepeatAsRefused()
    {
        await using var sites = await DemoSitesApp.StartAsync();
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInEmployeeAsync();
        var id = await SubmitAsync(web);

        var again = await web.PostAsync($"/expenses/reports/{id}/review");

        Assert.Equal($"/expenses/reports/{id}/submitted", again.Url.AbsolutePath);
        Assert.Equal(1, sites.GetState().SubmissionCount(FormNames.ExpensesReport));
        Assert.Equal(1, sites.GetState().FailedCount(FormNames.ExpensesReport));
    }

    [Fact]
    public async Task StepOne_Revisited_PrefillsTheDraftAndUpdatesIt()
    {
        await using var sites = await DemoSitesApp.StartAsync();
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInEmployeeAsync();
        var first = await web.PostAsync("/expenses/new", Basics);

        var again = await web.GetAsync("/expenses/new");
        Assert.Equal("186.40", again.Document.QuerySelector("input[name=amount]")!.GetAttribute("value"));
        Assert.Equal("2025-04-03", again.Document.QuerySelector("input[name=date]")!.GetAttribute("value"));
        var second = await web.PostAsync("/expenses/new", ("date", "2025-04-04"), ("category", "meals"), ("amount", "20.00"), ("merchant", "Cafe Central"));

        Assert.Equal(first.Url, second.Url);
        var drafts = sites.GetState().ExpenseReports.Where(r => r.Employee == "bob" && r.Status == ExpenseStatus.Draft).ToList();
        Assert.Equal(("Meals", 20.00m), (Assert.Single(drafts).Category, drafts[0].Amount));
    }

    [Theory]
    [InlineData("date", "", "Enter the date of the expense.")]
    [InlineData("date", "03/04/2025", "Enter the date as YYYY-MM-DD.")]
    [InlineData("date", "2019-01-01", "Expenses must be dated between 1 Jan 2024 and 31 Dec 2026.")]
    [InlineData("category", "", "Choose a category.")]
    [InlineData("amount", "", "Enter the amount.")]
    [InlineData("amount", "12,5", "Enter the amount as a number, for example 42.50.")]
    [InlineData("amount", "0.00", "The amount must be greater than zero.")]
    [InlineData("amount", "6000", "need a purchase order instead of an expense report.")]
    [InlineData("merchant", "", "Enter the merchant.")]
    public async Task StepOne_InvalidField_ShowsErrorKeepsValuesAndCreatesNoDraft(string field, string value, string message)
    {
        await using var sites = await DemoSitesApp.StartAsync();
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInEmployeeAsync();
        var fields = Basics.Where(f => f.Item1 != field).Append((field, value)).ToArray();

        var page = await web.PostAsync("/expenses/new", fields);

        Assert.Equal("/expenses/new", page.Url.AbsolutePath);
        var control = page.Document.QuerySelector($"[name={field}]")!;
        Assert.Equal("true", control.GetAttribute("aria-invalid"));
        Assert.Contains(message, page.Document.GetElementById(control.GetAttribute("aria-describedby")!)!.TextContent, StringComparison.Ordinal);
        if (field != "merchant")
        {
            Assert.Equal("Deutsche Bahn", page.Document.QuerySelector("input[name=merchant]")!.GetAttribute("value"));
        }

        var state = sites.GetState();
        Assert.DoesNotContain(state.ExpenseReports, r => r.Status == ExpenseStatus.Draft);
        Assert.Equal(1, state.FailedCount(FormNames.ExpensesBasics));
    }

    [Theory]
    [InlineData("description", "", "Describe the business purpose.")]
    [InlineData("description", "Train", "The business purpose must be at least 10 characters.")]
    [InlineData("receipt", "", "need a receipt: attach it and tick the box.")]
    [InlineData("project", "", "Choose a project.")]
    [InlineData("project", "PRJ-999", "Choose a project.")]
    public async Task StepTwo_InvalidField_ShowsErrorAndStaysOnStep(string field, string value, string message)
    {
        await using var sites = await DemoSitesApp.StartAsync();
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInEmployeeAsync();
        var step2 = await web.PostAsync("/expenses/new", Basics);
        var fields = Details.Where(f => f.Item1 != field).ToList();
        if (value.Length > 0)
        {
            fields.Add((field, value));
        }

        var page = await web.PostAsync(step2.Url.AbsolutePath, [.. fields]);

        Assert.Equal(step2.Url.AbsolutePath, page.Url.AbsolutePath);
        Assert.Contains(message, page.Document.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, sites.GetState().FailedCount(FormNames.ExpensesDetails));
    }

    [Fact]
    public async Task Review_BeforeDetails_RedirectsToDetails()
    {
        await using var sites = await DemoSitesApp.StartAsync();
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInEmployeeAsync();
        var step2 = await web.PostAsync("/expenses/new", Basics);
        var id = step2.Url.Segments[3].TrimEnd('/');

        var page = await web.GetAsync($"/expenses/reports/{id}/review");
        var post = await web.PostAsync($"/expenses/reports/{id}/review");

        Assert.Equal($"/expenses/reports/{id}/details", page.Url.AbsolutePath);
        Assert.Equal($"/expenses/reports/{id}/details", post.Url.AbsolutePath);
        Assert.Equal(0, sites.GetState().SubmissionCount(FormNames.ExpensesReport));
    }

    [Fact]
    public async Task Report_OfAnotherEmployee_IsNotFound()
    {
        await using var sites = await DemoSitesApp.StartAsync();
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInEmployeeAsync();
        var foreign = sites.GetState().ExpenseReports.First(r => r.Employee != "bob");

        var page = await web.GetAsync($"/expenses/reports/{foreign.Id}");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }

    private static async Task<string> SubmitAsync(WebSession web)
    {
        var step2 = await web.PostAsync("/expenses/new", Basics);
        var id = step2.Url.Segments[3].TrimEnd('/');
        await web.PostAsync($"/expenses/reports/{id}/details", Details);
        await web.PostAsync($"/expenses/reports/{id}/review");
        return id;
    }
}
