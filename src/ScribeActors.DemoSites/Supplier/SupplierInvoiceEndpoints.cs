using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ScribeActors.DemoSites.Layout;
using ScribeActors.DemoSites.State;
using ScribeActors.DemoSites.Web;

namespace ScribeActors.DemoSites.Supplier;

/// <summary>Supplier portal: invoice list with search and pagination, invoice detail, PDF download.</summary>
internal static class SupplierInvoiceEndpoints
{
    private const string Site = SupplierChrome.Site;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/invoices", List);
        group.MapGet("/invoices/{number}", Detail);
        group.MapGet("/invoices/{number}/pdf", Pdf).WithMetadata(IdempotencyKeys.Counted.Instance);
    }

    private static IResult List(HttpContext context, DemoStore store, string? q, string? status, string? page)
    {
        var user = SiteSessions.Current(context, store, Site);
        if (user is null)
        {
            return SiteSessions.RedirectToLogin(context, Site);
        }

        var l = store.Layout;
        var query = (q ?? "").Trim();
        var statusValue = DemoCatalogs.LabelOf(DemoCatalogs.InvoiceStatusFilters, status) is null ? "" : status!;
        var pageNumber = int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 1;
        var result = store.SearchInvoices(user.Username, query, statusValue, pageNumber);

        var html = new StringBuilder();
        html.Append($"<div class=\"{l.Cls("layout")}\"><div><div class=\"{l.Cls("card")}\" id=\"{l.Id("invoices")}\"><h1>Invoices</h1>");
        html.Append($"<form method=\"get\" action=\"/supplier/invoices\" class=\"{l.Cls("search")}\" role=\"search\" id=\"{l.Id("search")}\">");
        var fields = new[]
        {
            Fields.Input(l, "q", "Invoice number or vendor", query, null, extraAttributes: "placeholder=\"e.g. INV-1234 or Contoso\""),
            Fields.Select(l, "status", "Status", DemoCatalogs.InvoiceStatusFilters, statusValue, null, "All statuses"),
        };
        foreach (var field in l.Order("supplier:search-fields", fields))
        {
            html.Append(field);
        }

        html.Append($"<button type=\"submit\" class=\"{l.Cls("btn", "btn-primary")}\">Search</button>");
        if (l.Has("supplier:clear-link"))
        {
            html.Append($"<a class=\"{l.Cls("btn")}\" href=\"/supplier/invoices\">Clear</a>");
        }

        if (l.Has("supplier:export"))
        {
            html.Append($"<button type=\"button\" class=\"{l.Cls("btn")}\" title=\"Export is being prepared\">Export CSV</button>");
        }

        html.Append("</form>");
        AppendResults(html, l, result, query, statusValue);
        html.Append("</div></div>").Append(SupplierChrome.SupportAside(l)).Append("</div>");
        return PageResults.Page(context, l, SupplierChrome.For(user), "Invoices", html.ToString());
    }

    private static void AppendResults(StringBuilder html, SiteLayout l, InvoicePage result, string query, string status)
    {
        if (result.Total == 0)
        {
            html.Append($"<p class=\"{l.Cls("muted")}\">No invoices match your search.</p>");
            return;
        }

        var first = ((result.Page - 1) * InvoicePage.PageSize) + 1;
        html.Append($"<p class=\"{l.Cls("muted")}\">Showing {first}–{first + result.Items.Count - 1} of {result.Total} invoices</p>");
        html.Append($"<table class=\"{l.Cls("table")}\"><thead><tr><th>Invoice</th><th>Vendor</th><th>Issued</th><th>Due</th>")
            .Append($"<th class=\"{l.Cls("num")}\">Amount</th><th>Status</th></tr></thead><tbody>");
        foreach (var invoice in result.Items)
        {
            html.Append($"<tr id=\"{l.Id("row-" + invoice.Number)}\"><td><a href=\"/supplier/invoices/{invoice.Number}\">{invoice.Number}</a></td>")
                .Append($"<td>{Html.E(invoice.Vendor)}</td><td>{Html.Date(invoice.IssueDate)}</td><td>{Html.Date(invoice.DueDate)}</td>")
                .Append($"<td class=\"{l.Cls("num")}\">{Html.Money(invoice.Amount, invoice.Currency)}</td>")
                .Append($"<td>{SupplierChrome.Badge(invoice.Status)}</td></tr>");
        }

        html.Append("</tbody></table>");
        string Href(int page) => $"/supplier/invoices?q={Html.Q(query)}&amp;status={Html.Q(status)}&amp;page={page}";
        html.Append($"<nav class=\"{l.Cls("pager")}\" aria-label=\"Pagination\">");
        html.Append(result.Page > 1
            ? $"<a href=\"{Href(result.Page - 1)}\" rel=\"prev\">Previous page</a>"
            : "<span aria-disabled=\"true\">Previous page</span>");
        for (var i = 1; i <= result.PageCount; i++)
        {
            html.Append(i == result.Page
                ? $"<strong aria-current=\"page\">{i}</strong>"
                : $"<a href=\"{Href(i)}\" aria-label=\"Page {i}\">{i}</a>");
        }

        html.Append(result.Page < result.PageCount
            ? $"<a href=\"{Href(result.Page + 1)}\" rel=\"next\">Next page</a>"
            : "<span aria-disabled=\"true\">Next page</span>");
        html.Append($"<span class=\"{l.Cls("muted")}\">Page {result.Page} of {result.PageCount}</span></nav>");
    }

    private static IResult Detail(HttpContext context, DemoStore store, string number)
    {
        var user = SiteSessions.Current(context, store, Site);
        if (user is null)
        {
            return SiteSessions.RedirectToLogin(context, Site);
        }

        var l = store.Layout;
        var chrome = SupplierChrome.For(user);
        var invoice = store.FindInvoice(number);
        if (invoice is null)
        {
            return PageResults.NotFound(context, l, chrome, $"There is no invoice {number}.");
        }

        var dispute = store.FindDisputeForInvoice(invoice.Number);
        var html = new StringBuilder();
        html.Append($"<div class=\"{l.Cls("layout")}\"><div><div class=\"{l.Cls("card")}\" id=\"{l.Id("invoice")}\">")
            .Append("<p><a href=\"/supplier/invoices\">← Back to invoices</a></p>")
            .Append($"<h1>Invoice {invoice.Number} {SupplierChrome.Badge(invoice.Status)}</h1>");
        if (dispute is not null)
        {
            html.Append($"<div class=\"{l.Cls("notice")}\">This invoice is under dispute ({dispute.Reference}). ")
                .Append($"<a href=\"/supplier/disputes/{dispute.Reference}\">View dispute</a></div>");
        }

        html.Append($"<dl class=\"{l.Cls("summary")}\"><dt>Vendor</dt><dd>{Html.E(invoice.Vendor)}</dd>")
            .Append($"<dt>Issue date</dt><dd>{Html.Date(invoice.IssueDate)}</dd><dt>Due date</dt><dd>{Html.Date(invoice.DueDate)}</dd>")
            .Append($"<dt>Amount</dt><dd>{Html.Money(invoice.Amount, invoice.Currency)}</dd><dt>Status</dt><dd>{invoice.Status}</dd></dl>");

        var actions = new List<string> { $"<a class=\"{l.Cls("btn", "btn-primary")}\" href=\"/supplier/invoices/{invoice.Number}/pdf\">Download PDF</a>" };
        if (dispute is null && invoice.Status is InvoiceStatus.Open or InvoiceStatus.Overdue)
        {
            actions.Add($"<a class=\"{l.Cls("btn")}\" href=\"/supplier/invoices/{invoice.Number}/dispute\">Dispute this invoice</a>");
        }

        if (l.Has("supplier:print"))
        {
            actions.Add($"<button type=\"button\" class=\"{l.Cls("btn")}\" onclick=\"window.print()\">Print</button>");
        }

        html.Append($"<div class=\"{l.Cls("actions")}\">").AppendJoin("", l.Order("supplier:invoice-actions", actions)).Append("</div>");
        if (invoice.Status == InvoiceStatus.Paid)
        {
            html.Append($"<p class=\"{l.Cls("muted")}\">Paid invoices cannot be disputed.</p>");
        }

        html.Append("</div>");
        html.Append($"<div class=\"{l.Cls("card")}\"><h2>Invoice lines</h2><table class=\"{l.Cls("table")}\"><thead><tr><th>Description</th>")
            .Append($"<th class=\"{l.Cls("num")}\">Quantity</th><th class=\"{l.Cls("num")}\">Unit price</th><th class=\"{l.Cls("num")}\">Total</th></tr></thead><tbody>");
        foreach (var line in invoice.Lines)
        {
            html.Append($"<tr><td>{Html.E(line.Description)}</td><td class=\"{l.Cls("num")}\">{line.Quantity}</td>")
                .Append($"<td class=\"{l.Cls("num")}\">{Html.Money(line.UnitPrice)}</td><td class=\"{l.Cls("num")}\">{Html.Money(line.Total)}</td></tr>");
        }

        html.Append("</tbody></table></div></div>").Append(SupplierChrome.SupportAside(l)).Append("</div>");
        return PageResults.Page(context, l, chrome, $"Invoice {invoice.Number}", html.ToString());
    }

    private static IResult Pdf(HttpContext context, DemoStore store, string number)
    {
        var user = SiteSessions.Current(context, store, Site);
        if (user is null)
        {
            return SiteSessions.RedirectToLogin(context, Site);
        }

        var invoice = store.RecordDownload(number, user.Username);
        if (invoice is null)
        {
            return PageResults.NotFound(context, store.Layout, SupplierChrome.For(user), $"There is no invoice {number}.");
        }

        return Results.File(InvoicePdf.Render(invoice), "application/pdf", $"{invoice.Number}.pdf");
    }
}
