using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ScribeActors.DemoSites.Layout;
using ScribeActors.DemoSites.State;
using ScribeActors.DemoSites.Web;

namespace ScribeActors.DemoSites.Expenses;

/// <summary>Expenses app: the manager's approval queue, one Approve and one Reject button per pending report.
/// Deciding a report that is no longer pending changes nothing.</summary>
internal static class ExpensesApprovalEndpoints
{
    private const string Site = ExpensesChrome.Site;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/approvals", Queue);
        group.MapPost("/approvals/{id}/approve", (HttpContext context, DemoStore store, string id) => DecideAsync(context, store, id, ExpenseStatus.Approved));
        group.MapPost("/approvals/{id}/reject", (HttpContext context, DemoStore store, string id) => DecideAsync(context, store, id, ExpenseStatus.Rejected));
    }

    private static IResult Queue(HttpContext context, DemoStore store, string? decided, string? decision)
    {
        var user = SiteSessions.Current(context, store, Site);
        if (user is null)
        {
            return SiteSessions.RedirectToLogin(context, Site);
        }

        var l = store.Layout;
        if (!ExpensesChrome.IsManager(user))
        {
            return Forbidden(context, l, user);
        }

        var html = new StringBuilder();
        var flash = decision switch
        {
            "approved" => $"Report {decided} approved.",
            "rejected" => $"Report {decided} rejected.",
            "unchanged" => $"Report {decided} had already been decided; nothing was changed.",
            _ => null,
        };
        if (flash is not null && decided is not null)
        {
            html.Append($"<div class=\"{l.Cls("notice")}\" role=\"status\">{Html.E(flash)}</div>");
        }

        html.Append($"<div class=\"{l.Cls("card")}\" id=\"{l.Id("queue")}\"><h1>Approval queue</h1>");
        var pending = store.PendingFor(user.Username);
        if (pending.Count == 0)
        {
            html.Append($"<p class=\"{l.Cls("muted")}\">Nothing is waiting for your decision.</p>");
        }
        else
        {
            html.Append($"<table class=\"{l.Cls("table")}\"><thead><tr><th>Report</th><th>Employee</th><th>Date</th><th>Category</th>")
                .Append($"<th>Merchant</th><th class=\"{l.Cls("num")}\">Amount</th><th>Receipt</th><th>Decision</th></tr></thead><tbody>");
            foreach (var r in pending)
            {
                var buttons = new[]
                {
                    $"<form class=\"{l.Cls("inline")}\" method=\"post\" action=\"/expenses/approvals/{r.Id}/approve\">" +
                    $"<button type=\"submit\" class=\"{l.Cls("btn", "btn-primary")}\">Approve</button></form>",
                    $"<form class=\"{l.Cls("inline")}\" method=\"post\" action=\"/expenses/approvals/{r.Id}/reject\">" +
                    $"<button type=\"submit\" class=\"{l.Cls("btn", "btn-danger")}\">Reject</button></form>",
                };
                html.Append($"<tr id=\"{l.Id("row-" + r.Id)}\"><td>{r.Id}</td><td>{Html.E(r.EmployeeName)}</td><td>{Html.Date(r.Date)}</td>")
                    .Append($"<td>{Html.E(r.Category)}</td><td>{Html.E(r.Merchant)}</td>")
                    .Append($"<td class=\"{l.Cls("num")}\">{Html.Money(r.Amount, r.Currency)}</td><td>{(r.ReceiptAttached ? "Yes" : "No")}</td>")
                    .Append("<td>").AppendJoin(" ", l.Order("expenses:decision-buttons", buttons)).Append("</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        html.Append("</div>");
        return PageResults.Page(context, l, ExpensesChrome.For(user), "Approval queue", html.ToString());
    }

    private static async Task<IResult> DecideAsync(HttpContext context, DemoStore store, string id, ExpenseStatus decision)
    {
        var user = SiteSessions.Current(context, store, Site);
        if (user is null)
        {
            return SiteSessions.RedirectToLogin(context, Site);
        }

        if (await FormPost.ReadAsync(context) is null)
        {
            return FormPost.NotAForm();
        }

        if (!ExpensesChrome.IsManager(user))
        {
            return Forbidden(context, store.Layout, user);
        }

        var (report, changed) = store.Decide(id, decision, user.Username);
        if (report is null)
        {
            return PageResults.NotFound(context, store.Layout, ExpensesChrome.For(user), $"There is no expense report {id} you can decide on.");
        }

        var outcome = !changed ? "unchanged" : decision == ExpenseStatus.Approved ? "approved" : "rejected";
        return Results.Redirect($"/expenses/approvals?decided={Uri.EscapeDataString(report.Id)}&decision={outcome}");
    }

    private static IResult Forbidden(HttpContext context, SiteLayout l, SignedInUser user) =>
        PageResults.Page(context, l, ExpensesChrome.For(user), "Not allowed",
            $"<div class=\"{l.Cls("card")}\"><h1>Not allowed</h1><p>Only managers can open the approval queue.</p>" +
            "<p><a href=\"/expenses\">Back to my reports</a></p></div>", StatusCodes.Status403Forbidden);
}
