using ScribeActors.DemoSites.Layout;

namespace ScribeActors.DemoSites.State;

/// <summary>The mutable state behind <see cref="DemoStore"/>; only touched under the store's lock.</summary>
internal sealed class DemoWorld
{
    public DemoWorld(DemoData data)
    {
        Data = data;
        Layout = new SiteLayout(data.Seed);
        foreach (var invoice in data.Invoices)
        {
            InvoiceOrder.Add(invoice.Number);
            Invoices[invoice.Number] = invoice;
        }

        foreach (var report in data.ExpenseReports)
        {
            ReportOrder.Add(report.Id);
            Reports[report.Id] = report;
        }

        NextDisputeNumber = data.FirstDisputeNumber;
        NextReportNumber = data.NextReportNumber;
        foreach (var form in FormNames.All)
        {
            Submissions[form] = 0;
            Failures[form] = 0;
        }
    }

    public DemoData Data { get; }

    public SiteLayout Layout { get; }

    public Dictionary<string, SignedInUser> Sessions { get; } = new(StringComparer.Ordinal);

    public List<string> InvoiceOrder { get; } = [];

    public Dictionary<string, Invoice> Invoices { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<InvoiceDispute> Disputes { get; } = [];

    public List<InvoiceDownload> Downloads { get; } = [];

    public List<InvoiceSearch> Searches { get; } = [];

    public List<SupportMessage> SupportMessages { get; } = [];

    public List<string> ReportOrder { get; } = [];

    public Dictionary<string, ExpenseReport> Reports { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<ApprovalDecision> Approvals { get; } = [];

    public Dictionary<string, int> Submissions { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> Failures { get; } = new(StringComparer.Ordinal);

    /// <summary>How often a request came again under a key: answered with the kept answer, 409 while the first ran, 422
    /// for another request.</summary>
    public (int Replayed, int InProgress, int Mismatched) KeyedRepeats { get; set; }

    public int NextDisputeNumber { get; set; }

    public int NextReportNumber { get; set; }

    public void Count(string form) => Submissions[form] = Submissions.GetValueOrDefault(form) + 1;

    public void Fail(string form) => Failures[form] = Failures.GetValueOrDefault(form) + 1;
}
