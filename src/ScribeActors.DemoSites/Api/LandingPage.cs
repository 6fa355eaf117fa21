using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ScribeActors.DemoSites.Layout;
using ScribeActors.DemoSites.State;
using ScribeActors.DemoSites.Web;

namespace ScribeActors.DemoSites.Api;

/// <summary>The start page at <c>/</c>: links to both sites and the demo accounts.</summary>
internal static class LandingPage
{
    public static IEndpointRouteBuilder MapLandingPage(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", (HttpContext context, DemoStore store) =>
        {
            var l = store.Layout;
            var chrome = new SiteChrome
            {
                Site = "landing",
                Brand = "ScribeActors demo sites",
                HomeHref = "/",
                HelpHref = "/supplier/help",
                Nav = [new NavItem("Supplier portal", "/supplier"), new NavItem("Expenses", "/expenses"), new NavItem("Server state", "/api/state")],
            };
            var body =
                $"<div class=\"{l.Cls("card")}\"><h1>Demo sites</h1><p>Two business web apps with server-side state, for workflow demos and tests. " +
                $"Current seed: <strong>{l.Seed}</strong>.</p>" +
                $"<table class=\"{l.Cls("table")}\"><thead><tr><th>Site</th><th>Accounts</th></tr></thead><tbody>" +
                $"<tr><td><a href=\"/supplier\">{Html.E(Supplier.SupplierChrome.Brand)}</a></td>" +
                $"<td>{DemoCredentials.SupplierUser} / {DemoCredentials.SupplierPassword}</td></tr>" +
                $"<tr><td><a href=\"/expenses\">{Html.E(Expenses.ExpensesChrome.Brand)}</a></td>" +
                $"<td>employee {DemoCredentials.EmployeeUser} / {DemoCredentials.EmployeePassword}; " +
                $"manager {DemoCredentials.ManagerUser} / {DemoCredentials.ManagerPassword}</td></tr></tbody></table>" +
                "<p><a href=\"/api/state\">Server state (JSON)</a> · <a href=\"/api/tasks\">Task catalogue (JSON)</a> · " +
                "reset with <code>POST /api/reset?seed=N</code></p></div>";
            return PageResults.Page(context, l, chrome, "Demo sites", body);
        });
        return endpoints;
    }
}
