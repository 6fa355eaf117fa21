namespace ScribeActors.DemoSites.State;

/// <summary>Status of a supplier-portal invoice.</summary>
public enum InvoiceStatus
{
    /// <summary>Issued, not yet due.</summary>
    Open,

    /// <summary>Paid; cannot be disputed.</summary>
    Paid,

    /// <summary>Past its due date and unpaid.</summary>
    Overdue,

    /// <summary>A dispute was filed.</summary>
    Disputed,
}
