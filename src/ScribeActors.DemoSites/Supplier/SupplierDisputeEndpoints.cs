using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ScribeActors.DemoSites.Layout;
using ScribeActors.DemoSites.State;
using ScribeActors.DemoSites.Web;

namespace ScribeActors.DemoSites.Supplier;

/// <summary>Supplier portal: dispute form (with server-side validation), confirmation and the list of disputes.
/// An invoice holds at most one dispute: opening or posting its form again leads to the existing dispute.</summary>
internal static class SupplierDisputeEndpoints
{
    private const string Site = SupplierChrome.Site;

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/invoices/{number}/dispute", FormPage);
        group.MapPost("/invoices/{number}/dispute", SubmitAsync);
        group.MapGet("/disputes/{reference}", Confirmation);
        group.MapGet("/disputes", List);
    }

    private static IResult FormPage(HttpContext context, DemoStore store, string number)
    {
        var user = SiteSessions.Current(context, store, Site);
        if (user is null)
        {
            return SiteSessions.RedirectToLogin(context, Site);
        }

        var invoice = store.FindInvoice(number);
        if (invoice is null)
        {
            return PageResults.NotFound(context, store.Layout, SupplierChrome.For(user), $"There is no invoice {number}.");
        }

        // Idempotency: the form of an invoice that already has a dispute leads to that dispute, so a workflow that
        // re-observes after a crash never files it twice.
        var existing = store.FindDisputeForInvoice(invoice.Number);
        return existing is not null
            ? Results.Redirect($"/supplier/disputes/{existing.Reference}")
            : Render(context, store.Layout, user, invoice, DisputeForm.Empty, new Dictionary<string, string>());
    }

    private static async Task<IResult> SubmitAsync(HttpContext context, DemoStore store, string number)
    {
        var user = SiteSessions.Current(context, store, Site);
        if (user is null)
        {
            return SiteSessions.RedirectToLogin(context, Site);
        }

        var post = await FormPost.ReadAsync(context);
        if (post is null)
        {
            return FormPost.NotAForm();
        }

        var invoice = store.FindInvoice(number);
        if (invoice is null)
        {
            return PageResults.NotFound(context, store.Layout, SupplierChrome.For(user), $"There is no invoice {number}.");
        }

        // A repeated POST (the invoice already has a dispute) is answered with the existing dispute and counted as refused.
        var existing = store.FindDisputeForInvoice(invoice.Number);
        if (existing is not null)
        {
            store.RecordFailure(FormNames.SupplierDispute);
            return Results.Redirect($"/supplier/disputes/{existing.Reference}");
        }

        if (invoice.Status == InvoiceStatus.Paid)
        {
            store.RecordFailure(FormNames.SupplierDispute);
            return Render(context, store.Layout, user, invoice, DisputeForm.Empty, new Dictionary<string, string>());
        }

        var form = DisputeForm.From(post);
        var errors = form.Validate(invoice, out var amount);
        if (errors.Count > 0)
        {
            store.RecordFailure(FormNames.SupplierDispute);
            return Render(context, store.Layout, user, invoice, form, errors);
        }

        var (dispute, _) = store.FileDispute(invoice.Number, form.Reason, amount, form.Description, user.Username);
        return Results.Redirect($"/supplier/disputes/{dispute.Reference}");
    }

    private static IResult Render(HttpContext context, SiteLayout l, SignedInUser user, Invoice invoice, DisputeForm form,
        IReadOnlyDictionary<string, string> errors)
    {
        var html = new StringBuilder();
        html.Append($"<div class=\"{l.Cls("card")}\" id=\"{l.Id("dispute")}\">")
            .Append($"<p><a href=\"/supplier/invoices/{invoice.Number}\">← Back to invoice {invoice.Number}</a></p>")
            .Append($"<h1>Dispute invoice {invoice.Number}</h1>")
            .Append($"<p class=\"{l.Cls("muted")}\">{Html.E(invoice.Vendor)} · invoice total {Html.Money(invoice.Amount, invoice.Currency)}</p>");
        if (invoice.Status == InvoiceStatus.Paid)
        {
            html.Append("<p>Paid invoices cannot be disputed. Contact your buyer for a credit note.</p></div>");
            return PageResults.Page(context, l, SupplierChrome.For(user), $"Dispute {invoice.Number}", html.ToString());
        }

        html.Append(Fields.ErrorSummary(l, errors))
            .Append($"<form method=\"post\" action=\"/supplier/invoices/{invoice.Number}/dispute\" id=\"{l.Id("dispute-form")}\" novalidate>");
        var fields = new[]
        {
            Fields.Select(l, "reason", "Reason", DemoCatalogs.DisputeReasons, form.Reason, errors.GetValueOrDefault("reason"), "Select a reason"),
            Fields.Input(l, "amount", $"Disputed amount ({invoice.Currency})", form.Amount, errors.GetValueOrDefault("amount"),
                extraAttributes: "inputmode=\"decimal\" placeholder=\"0.00\""),
            Fields.TextArea(l, "description", "Description", form.Description, errors.GetValueOrDefault("description"),
                $"maxlength=\"{DisputeForm.MaxDescription}\" placeholder=\"What is wrong with this invoice?\""),
        };
        html.AppendJoin("", l.Order("supplier:dispute-fields", fields))
            .Append(Fields.Checkbox(l, "confirm", "I confirm that the information above is correct", form.Confirm, errors.GetValueOrDefault("confirm")));

        var buttons = new List<string> { $"<button type=\"submit\" class=\"{l.Cls("btn", "btn-primary")}\">Submit dispute</button>" };
        if (l.Has("supplier:save-draft"))
        {
            buttons.Add($"<button type=\"button\" class=\"{l.Cls("btn")}\" title=\"Drafts are kept for this browser session\">Save draft</button>");
        }

        html.Append($"<div class=\"{l.Cls("actions")}\">").AppendJoin("", l.Order("supplier:dispute-buttons", buttons))
            .Append($"<a href=\"/supplier/invoices/{invoice.Number}\">Cancel</a></div></form></div>");
        return PageResults.Page(context, l, SupplierChrome.For(user), $"Dispute {invoice.Number}", html.ToString());
    }

    private static IResult Confirmation(HttpContext context, DemoStore store, string reference)
    {
        var user = SiteSessions.Current(context, store, Site);
        if (user is null)
        {
            return SiteSessions.RedirectToLogin(context, Site);
        }

        var l = store.Layout;
        var dispute = store.FindDispute(reference);
        if (dispute is null)
        {
            return PageResults.NotFound(context, l, SupplierChrome.For(user), $"There is no dispute {reference}.");
        }

        var body =
            $"<div class=\"{l.Cls("card")}\" id=\"{l.Id("confirmation")}\">" +
            $"<div class=\"{l.Cls("notice")}\" role=\"status\">Your dispute has been submitted. Reference: <strong>{dispute.Reference}</strong></div>" +
            $"<h1>Dispute {dispute.Reference}</h1><dl class=\"{l.Cls("summary")}\">" +
            $"<dt>Reference</dt><dd>{dispute.Reference}</dd>" +
            $"<dt>Invoice</dt><dd><a href=\"/supplier/invoices/{dispute.InvoiceNumber}\">{dispute.InvoiceNumber}</a></dd>" +
            $"<dt>Reason</dt><dd>{Html.E(dispute.Reason)}</dd><dt>Disputed amount</dt><dd>{Html.Money(dispute.Amount, DemoData.Currency)}</dd>" +
            $"<dt>Description</dt><dd>{Html.E(dispute.Description)}</dd><dt>Status</dt><dd>Under review</dd></dl>" +
            $"<div class=\"{l.Cls("actions")}\"><a class=\"{l.Cls("btn")}\" href=\"/supplier/invoices\">Back to invoices</a></div></div>";
        return PageResults.Page(context, l, SupplierChrome.For(user), $"Dispute {dispute.Reference}", body);
    }

    private static IResult List(HttpContext context, DemoStore store)
    {
        var user = SiteSessions.Current(context, store, Site);
        if (user is null)
        {
            return SiteSessions.RedirectToLogin(context, Site);
        }

        var l = store.Layout;
        var disputes = store.DisputesBy(user.Username);
        var html = new StringBuilder($"<div class=\"{l.Cls("card")}\" id=\"{l.Id("disputes")}\"><h1>Disputes</h1>");
        if (disputes.Count == 0)
        {
            html.Append($"<p class=\"{l.Cls("muted")}\">You have not filed any disputes. Open an invoice to dispute it.</p>");
        }
        else
        {
            html.Append($"<table class=\"{l.Cls("table")}\"><thead><tr><th>Reference</th><th>Invoice</th><th>Reason</th>")
                .Append($"<th class=\"{l.Cls("num")}\">Amount</th><th>Status</th></tr></thead><tbody>");
            foreach (var d in disputes)
            {
                html.Append($"<tr><td><a href=\"/supplier/disputes/{d.Reference}\">{d.Reference}</a></td><td>{d.InvoiceNumber}</td>")
                    .Append($"<td>{Html.E(d.Reason)}</td><td class=\"{l.Cls("num")}\">{Html.Money(d.Amount, DemoData.Currency)}</td><td>Under review</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        html.Append("</div>");
        return PageResults.Page(context, l, SupplierChrome.For(user), "Disputes", html.ToString());
    }
}
