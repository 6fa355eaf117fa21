namespace ScribeActors.DemoSites.State;

/// <summary>One download of an invoice PDF.</summary>
/// <param name="InvoiceNumber">The invoice.</param>
/// <param name="Username">Who downloaded it.</param>
public sealed record InvoiceDownload(string InvoiceNumber, string Username);
