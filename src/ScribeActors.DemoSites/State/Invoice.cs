namespace ScribeActors.DemoSites.State;

/// <summary>A supplier-portal invoice.</summary>
public sealed record Invoice
{
    /// <summary>Invoice number, for example <c>INV-4471</c>.</summary>
    public required string Number { get; init; }

    /// <summary>The issuing vendor.</summary>
    public required string Vendor { get; init; }

    /// <summary>Issue date.</summary>
    public required DateOnly IssueDate { get; init; }

    /// <summary>Payment due date.</summary>
    public required DateOnly DueDate { get; init; }

    /// <summary>ISO currency code.</summary>
    public required string Currency { get; init; }

    /// <summary>Total amount (the sum of the line totals).</summary>
    public required decimal Amount { get; init; }

    /// <summary>Current status.</summary>
    public required InvoiceStatus Status { get; init; }

    /// <summary>Invoice lines.</summary>
    public required IReadOnlyList<InvoiceLine> Lines { get; init; }
}
