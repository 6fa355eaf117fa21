using Microsoft.Extensions.Logging;

namespace ScribeActors.DemoSites.State;

/// <summary>Source-generated log messages of the store (event ids 4000–4019).</summary>
internal sealed partial class DemoStore
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Demo sites reset with seed {Seed}")]
    private partial void LogReset(int seed);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Dispute {Reference} filed for invoice {InvoiceNumber}")]
    private partial void LogDisputeFiled(string reference, string invoiceNumber);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Debug, Message = "Expense report {ReportId} submitted by {Username}")]
    private partial void LogReportSubmitted(string reportId, string username);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Debug, Message = "Expense report {ReportId} {Decision} by {Manager}")]
    private partial void LogReportDecided(string reportId, ExpenseStatus decision, string manager);
}
