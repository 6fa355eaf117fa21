namespace ScribeActors.DemoSites.State;

/// <summary>One page of invoice search results.</summary>
/// <param name="Items">The invoices on this page.</param>
/// <param name="Total">How many invoices matched.</param>
/// <param name="Page">The 1-based page number shown (clamped to the available pages).</param>
/// <param name="PageCount">How many pages there are (at least 1).</param>
internal sealed record InvoicePage(IReadOnlyList<Invoice> Items, int Total, int Page, int PageCount)
{
    public const int PageSize = 10;
}
