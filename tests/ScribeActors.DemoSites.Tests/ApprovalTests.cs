using System.Net;
using ScribeActors.DemoSites.State;
using ScribeActors.DemoSites.Tests.Support;

namespace ScribeActors.DemoSites.Tests;

public sealed class ApprovalTests
{
    [Fact]
    public async Task Queue_Manager_ListsEveryPendingReportWithBothButtons()
    {
        await using var sites = await DemoSitesApp.StartAsync(seed: 13);
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInManagerAsync();
        var pending = sites.GetState().ExpenseReports.Where(r => r.Status == ExpenseStatus.Pending).ToList();

        var page = await web.GetAsync("/expenses/approvals");

        Assert.Equal(pending.Count, page.Document.QuerySelectorAll("table tbody tr").Length);
        foreach (var report in pending)
        {
            Selectors.Single(page.Document, $"tr:has-text(\"{report.Id}\") button:has-text(\"Approve\")", report.Id);
            Selectors.Single(page.Document, $"tr:has-text(\"{report.Id}\") button:has-text(\"Reject\")", report.Id);
        }
    }

    [Fact]
    public async Task Approve_PendingReport_ChangesStateRecordsDecisionAndCounts()
    {
        await using var sites = await DemoSitesApp.StartAsync(seed: 13);
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInManagerAsync();
        var report = sites.GetState().ExpenseReports.First(r => r.Status == ExpenseStatus.Pending);

        var page = await web.PostAsync($"/expenses/approvals/{report.Id}/approve");

        Assert.Equal("/expenses/approvals", page.Url.AbsolutePath);
        Assert.Contains($"Report {report.Id} approved.", page.Text, StringComparison.Ordinal);
        Assert.Empty(Selectors.QueryAll(page.Document, $"tr:has-text(\"{report.Id}\")"));
        var state = sites.GetState();
        Assert.Equal((ExpenseStatus.Approved, "carol"), (state.ExpenseReports.Single(r => r.Id == report.Id).Status, state.ExpenseReports.Single(r => r.Id == report.Id).DecidedBy));
        Assert.Equal(new ApprovalDecision(report.Id, ExpenseStatus.Approved, "carol"), Assert.Single(state.Approvals));
        Assert.Equal(1, state.SubmissionCount(FormNames.ExpensesApprove));
    }

    [Fact]
    public async Task Decide_AlreadyDecided_ChangesNothingAndCountsTheRepeatAsRefused()
    {
        await using var sites = await DemoSitesApp.StartAsync(seed: 13);
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInManagerAsync();
        var report = sites.GetState().ExpenseReports.First(r => r.Status == ExpenseStatus.Pending);
        await web.PostAsync($"/expenses/approvals/{report.Id}/reject");

        var page = await web.PostAsync($"/expenses/approvals/{report.Id}/approve");

        Assert.Contains("had already been decided; nothing was changed.", page.Text, StringComparison.Ordinal);
        var state = sites.GetState();
        Assert.Equal(ExpenseStatus.Rejected, state.ExpenseReports.Single(r => r.Id == report.Id).Status);
        Assert.Equal((1, 0), (state.SubmissionCount(FormNames.ExpensesReject), state.SubmissionCount(FormNames.ExpensesApprove)));
        Assert.Equal(1, state.FailedCount(FormNames.ExpensesApprove));
    }

    [Fact]
    public async Task Queue_Employee_IsForbidden()
    {
        await using var sites = await DemoSitesApp.StartAsync();
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInEmployeeAsync();
        var report = sites.GetState().ExpenseReports.First(r => r.Status == ExpenseStatus.Pending);

        var page = await web.GetAsync("/expenses/approvals");
        var post = await web.PostAsync($"/expenses/approvals/{report.Id}/approve");

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("Only managers can open the approval queue.", page.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, post.Status);
        Assert.Equal(ExpenseStatus.Pending, sites.GetState().ExpenseReports.Single(r => r.Id == report.Id).Status);
        Assert.Empty(Selectors.QueryAll(page.Document, "a:has-text(\"Approval queue\")"));
    }

    [Fact]
    public async Task Approve_UnknownReport_Returns404()
    {
        await using var sites = await DemoSitesApp.StartAsync();
        using var web = new WebSession(sites.BaseUrl);
        await web.SignInManagerAsync();
        var page = await web.PostAsync("/expenses/approvals/EXP-0/approve");
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }

    [Fact]
    public async Task SubmittedReport_AppearsInManagersQueue()
    {
        await using var sites = await DemoSitesApp.StartAsync();
        using var employee = new WebSession(sites.BaseUrl);
        using var manager = new WebSession(sites.BaseUrl);
        await employee.SignInEmployeeAsync();
        await manager.SignInManagerAsync();
        var step2 = await employee.PostAsync("/expenses/new", ("date", "2025-05-05"), ("category", "software"), ("amount", "19.99"), ("merchant", "GitHub"));
        var id = step2.Url.Segments[3].TrimEnd('/');
        await employee.PostAsync($"/expenses/reports/{id}/details", ("description", "Copilot seat for May"), ("project", "PRJ-117"));
        await employee.PostAsync($"/expenses/reports/{id}/review");

        var queue = await manager.GetAsync("/expenses/approvals");

        Selectors.Single(queue.Document, $"tr:has-text(\"{id}\") button:has-text(\"Approve\")", "queue");
        Assert.Equal(2, sites.GetState().Sessions.Count);
    }
}
