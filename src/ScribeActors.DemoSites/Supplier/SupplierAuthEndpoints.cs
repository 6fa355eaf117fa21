using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ScribeActors.DemoSites.State;
using ScribeActors.DemoSites.Web;

namespace ScribeActors.DemoSites.Supplier;

/// <summary>Supplier portal: start page redirect, sign-in and sign-out.</summary>
internal static class SupplierAuthEndpoints
{
    private static readonly LoginEndpoints Login = new(SupplierChrome.Site, SupplierChrome.For, "/supplier/invoices",
        "Meridian Group supplier portal: invoices, disputes and payments in one place.");

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/", (HttpContext context, DemoStore store) =>
            Results.Redirect(SiteSessions.Current(context, store, SupplierChrome.Site) is null ? "/supplier/login" : "/supplier/invoices"));
        Login.Map(group);
    }
}
