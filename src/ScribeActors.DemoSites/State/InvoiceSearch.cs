namespace ScribeActors.DemoSites.State;

/// <summary>One invoice-list request that carried a query or a status filter.</summary>
/// <param name="Username">Who searched.</param>
/// <param name="Query">The text query, trimmed (empty when none).</param>
/// <param name="Status">The status filter value (empty for all).</param>
/// <param name="Page">The page shown.</param>
/// <param name="ResultCount">How many invoices matched.</param>
public sealed record InvoiceSearch(string Username, string Query, string Status, int Page, int ResultCount);
