using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace ScribeActors.DemoSites.Supplier;

/// <summary>Maps the supplier portal under <c>/supplier</c>.</summary>
internal static class SupplierSite
{
    public static IEndpointRouteBuilder MapSupplierSite(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/" + SupplierChrome.Site);
        SupplierAuthEndpoints.Map(group);
        SupplierInvoiceEndpoints.Map(group);
        SupplierDisputeEndpoints.Map(group);
        SupplierSupportEndpoints.Map(group);
        SupplierInfoEndpoints.Map(group);
        return endpoints;
    }
}
