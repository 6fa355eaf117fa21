using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace ScribeActors.DemoSites.Expenses;

/// <summary>Maps the expenses app under <c>/expenses</c>.</summary>
internal static class ExpensesSite
{
    public static IEndpointRouteBuilder MapExpensesSite(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/" + ExpensesChrome.Site);
        ExpensesHomeEndpoints.Map(group);
        ExpensesReportEndpoints.Map(group);
        ExpensesApprovalEndpoints.Map(group);
        return endpoints;
    }
}
