using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ScribeActors.DemoSites.Layout;
using ScribeActors.DemoSites.State;
using ScribeActors.DemoSites.Web;

namespace ScribeActors.DemoSites.Expenses;

/// <summary>Expenses app: sign-in, the "My reports" dashboard, and the static pages.</summary>
internal static class ExpensesHomeEndpoints
{
    private const string Site = ExpensesChrome.Site;

    private static readonly LoginEndpoints Login = new(Site, ExpensesChrome.For, "/expenses",
        "Brightline HR self-service: submit expenses and approve your team's reports.");

    public static void Map(RouteGroupBuilder group)
    {
        Login.Map(group);
        NewsletterEndpoints.Map(group, Site, FormNames.ExpensesNewsletter);
        group.MapGet("/", Dashboard);
        group.MapGet("/help", (HttpContext context, DemoStore store) => Static(context, store, "Help",
            "<h2 id=\"password\">I forgot my password</h2><p>Use the HR service desk to reset it.</p>" +
            "<h2 id=\"news\">Booking travel</h2><p>Trips booked through the company portal are paid directly.</p>" +
            "<h2 id=\"privacy\">Privacy</h2><p>Expense data is kept for ten years.</p><h2 id=\"terms\">Terms</h2><p>See the employee handbook.</p>"));
        group.MapGet("/policies", (HttpContext context, DemoStore store) => Static(context, store, "Expense policies",
            "<ul><li>Submit expenses within 60 days.</li>" +
            $"<li>Attach a receipt for anything over {Html.Money(DetailsForm.ReceiptThreshold, DemoData.Currency)}.</li>" +
            $"<li>Amounts over {Html.Money(BasicsForm.MaxAmount, DemoData.Currency)} need a purchase order.</li>" +
            "<li>Book every expense to a project.</li></ul>"));
    }

    private static IResult Static(HttpContext context, DemoStore store, string title, string content)
    {
        var l = store.Layout;
        return PageResults.Page(context, l, ExpensesChrome.For(SiteSessions.Current(context, store, Site)), title,
            $"<div class=\"{l.Cls("card")}\"><h1>{Html.E(title)}</h1>{content}</div>");
    }

    private static IResult Dashboard(HttpContext context, DemoStore store)
    {
        var user = SiteSessions.Current(context, store, Site);
        if (user is null)
        {
            return Results.Redirect("/expenses/login");
        }

        var l = store.Layout;
        var html = new StringBuilder();
        if (ExpensesChrome.IsManager(user))
        {
            var pending = store.PendingFor(user.Username).Count;
            html.Append($"<div class=\"{l.Cls("notice")}\" id=\"{l.Id("pending")}\">{pending} expense report{(pending == 1 ? "" : "s")} ")
                .Append("waiting for your decision. <a href=\"/expenses/approvals\">Review pending reports</a></div>");
        }

        html.Append($"<div class=\"{l.Cls("card")}\" id=\"{l.Id("my-reports")}\"><h1>My expense reports</h1>")
            .Append($"<p><a class=\"{l.Cls("btn", "btn-primary")}\" href=\"/expenses/new\">Create expense report</a></p>");
        var reports = store.ReportsOf(user.Username);
        if (reports.Count == 0)
        {
            html.Append($"<p class=\"{l.Cls("muted")}\">You have no expense reports yet.</p>");
        }
        else
        {
            html.Append(ReportTable(l, reports));
        }

        html.Append("</div>");
        return PageResults.Page(context, l, ExpensesChrome.For(user), "My reports", html.ToString());
    }

    private static string ReportTable(SiteLayout l, IReadOnlyList<ExpenseReport> reports)
    {
        var html = new StringBuilder($"<table class=\"{l.Cls("table")}\"><thead><tr><th>Report</th><th>Date</th><th>Category</th>")
            .Append($"<th>Merchant</th><th class=\"{l.Cls("num")}\">Amount</th><th>Status</th></tr></thead><tbody>");
        foreach (var r in reports)
        {
            var href = r.Status == ExpenseStatus.Draft ? "/expenses/new" : $"/expenses/reports/{r.Id}";
            html.Append($"<tr><td><a href=\"{href}\">{r.Id}</a></td><td>{Html.Date(r.Date)}</td><td>{Html.E(r.Category)}</td>")
                .Append($"<td>{Html.E(r.Merchant)}</td><td class=\"{l.Cls("num")}\">{Html.Money(r.Amount, r.Currency)}</td>")
                .Append($"<td>{(r.Status == ExpenseStatus.Pending ? "Pending approval" : r.Status.ToString())}</td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }
}
