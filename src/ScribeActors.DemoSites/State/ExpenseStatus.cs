namespace ScribeActors.DemoSites.State;

/// <summary>Lifecycle of an expense report.</summary>
public enum ExpenseStatus
{
    /// <summary>Being filled in through the multi-step form; not submitted.</summary>
    Draft,

    /// <summary>Submitted, waiting for a manager.</summary>
    Pending,

    /// <summary>Approved by a manager.</summary>
    Approved,

    /// <summary>Rejected by a manager.</summary>
    Rejected,
}
