namespace ScribeActors.DemoSites.State;

/// <summary>An expense report of the expenses app.</summary>
public sealed record ExpenseReport
{
    /// <summary>Report id, for example <c>EXP-2417</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The employee's login name.</summary>
    public required string Employee { get; init; }

    /// <summary>The employee's display name.</summary>
    public required string EmployeeName { get; init; }

    /// <summary>Date of the expense.</summary>
    public required DateOnly Date { get; init; }

    /// <summary>Category label, for example <c>Travel</c>.</summary>
    public required string Category { get; init; }

    /// <summary>Amount.</summary>
    public required decimal Amount { get; init; }

    /// <summary>ISO currency code.</summary>
    public required string Currency { get; init; }

    /// <summary>Merchant name.</summary>
    public required string Merchant { get; init; }

    /// <summary>Business purpose (empty until step 2 is saved).</summary>
    public string Description { get; init; } = "";

    /// <summary>Whether the employee ticked "Receipt attached".</summary>
    public bool ReceiptAttached { get; init; }

    /// <summary>Project code, for example <c>PRJ-104</c> (empty until step 2 is saved).</summary>
    public string Project { get; init; } = "";

    /// <summary>Whether step 2 (details) has been saved.</summary>
    public bool DetailsCompleted { get; init; }

    /// <summary>Current status.</summary>
    public required ExpenseStatus Status { get; init; }

    /// <summary>The manager who approved or rejected it, if any.</summary>
    public string? DecidedBy { get; init; }
}
