using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ScribeActors.DemoSites.State;
using ScribeActors.DemoSites.Web;

namespace ScribeActors.DemoSites.Supplier;

/// <summary>Supplier portal: the static pages (help, payments) and the newsletter box.</summary>
internal static class SupplierInfoEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        NewsletterEndpoints.Map(group, SupplierChrome.Site, FormNames.SupplierNewsletter);
        group.MapGet("/help", (HttpContext context, DemoStore store) =>
        {
            var l = store.Layout;
            var body =
                $"<div class=\"{l.Cls("card")}\"><h1>Help</h1>" +
                "<h2 id=\"password\">I forgot my password</h2><p>Ask your Meridian buyer to reset your portal access.</p>" +
                "<h2 id=\"disputes\">How do I dispute an invoice?</h2><p>Open the invoice and choose <em>Dispute this invoice</em>. " +
                "Disputes are reviewed within five business days.</p>" +
                "<h2 id=\"news\">E-invoicing</h2><p>Send invoices as structured e-invoices to be paid sooner.</p>" +
                "<h2 id=\"privacy\">Privacy</h2><p>We keep portal data for ten years, as tax law requires.</p>" +
                "<h2 id=\"terms\">Terms</h2><p>Use of the portal is subject to the Meridian supplier terms.</p></div>";
            return PageResults.Page(context, l, SupplierChrome.For(SiteSessions.Current(context, store, SupplierChrome.Site)), "Help", body);
        });
        group.MapGet("/payments", (HttpContext context, DemoStore store) =>
        {
            var user = SiteSessions.Current(context, store, SupplierChrome.Site);
            if (user is null)
            {
                return SiteSessions.RedirectToLogin(context, SupplierChrome.Site);
            }

            var l = store.Layout;
            var body =
                $"<div class=\"{l.Cls("card")}\"><h1>Payments</h1><p>Payment runs are released every Friday at 10:00 CET.</p>" +
                $"<table class=\"{l.Cls("table")}\"><thead><tr><th>Payment run</th><th>Cut-off</th><th>Value date</th></tr></thead><tbody>" +
                "<tr><td>Weekly run</td><td>Wednesday 18:00</td><td>Friday</td></tr>" +
                "<tr><td>Month-end run</td><td>Last business day − 2</td><td>Last business day</td></tr>" +
                "</tbody></table></div>";
            return PageResults.Page(context, l, SupplierChrome.For(user), "Payments", body);
        });
    }
}
