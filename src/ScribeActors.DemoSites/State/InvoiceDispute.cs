namespace ScribeActors.DemoSites.State;

/// <summary>A dispute filed against an invoice.</summary>
public sealed record InvoiceDispute
{
    /// <summary>Dispute reference shown on the confirmation page, for example <c>DSP-5012</c>.</summary>
    public required string Reference { get; init; }

    /// <summary>The disputed invoice's number.</summary>
    public required string InvoiceNumber { get; init; }

    /// <summary>The reason's code (the option value), for example <c>wrong-quantity</c>.</summary>
    public required string ReasonCode { get; init; }

    /// <summary>The reason's label (the option text), for example <c>Wrong quantity</c>.</summary>
    public required string Reason { get; init; }

    /// <summary>The disputed amount.</summary>
    public required decimal Amount { get; init; }

    /// <summary>The free-text description, trimmed.</summary>
    public required string Description { get; init; }

    /// <summary>Who filed it.</summary>
    public required string SubmittedBy { get; init; }
}
