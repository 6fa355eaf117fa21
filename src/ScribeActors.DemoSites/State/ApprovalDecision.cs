namespace ScribeActors.DemoSites.State;

/// <summary>A manager's decision on an expense report.</summary>
/// <param name="ReportId">The report.</param>
/// <param name="Decision"><see cref="ExpenseStatus.Approved"/> or <see cref="ExpenseStatus.Rejected"/>.</param>
/// <param name="DecidedBy">The manager's login name.</param>
public sealed record ApprovalDecision(string ReportId, ExpenseStatus Decision, string DecidedBy);
