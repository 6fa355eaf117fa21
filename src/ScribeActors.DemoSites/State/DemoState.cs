namespace ScribeActors.DemoSites.State;

/// <summary>
/// A consistent snapshot of everything the demo sites hold; <c>GET /api/state</c> serialises exactly this object.
/// </summary>
public sealed record DemoState
{
    /// <summary>The layout and data seed the sites were last reset with.</summary>
    public required int Seed { get; init; }

    /// <summary>The signed-in sessions of both sites.</summary>
    public required IReadOnlyList<SignedInUser> Sessions { get; init; }

    /// <summary>Every supplier-portal invoice, newest first (the order of the invoice list).</summary>
    public required IReadOnlyList<Invoice> Invoices { get; init; }

    /// <summary>Filed invoice disputes, in filing order.</summary>
    public required IReadOnlyList<InvoiceDispute> Disputes { get; init; }

    /// <summary>Every PDF download, in order.</summary>
    public required IReadOnlyList<InvoiceDownload> Downloads { get; init; }

    /// <summary>Downloads per invoice number; invoices never downloaded are absent.</summary>
    public required IReadOnlyDictionary<string, int> DownloadCounts { get; init; }

    /// <summary>Invoice searches (list requests with a query or a status filter), in order.</summary>
    public required IReadOnlyList<InvoiceSearch> Searches { get; init; }

    /// <summary>Messages sent through the supplier portal's support chat widget.</summary>
    public required IReadOnlyList<SupportMessage> SupportMessages { get; init; }

    /// <summary>Every expense report, drafts included, in creation order (seeded reports first).</summary>
    public required IReadOnlyList<ExpenseReport> ExpenseReports { get; init; }

    /// <summary>Manager decisions on expense reports, in order.</summary>
    public required IReadOnlyList<ApprovalDecision> Approvals { get; init; }

    /// <summary>Form name (for example <c>supplier.dispute</c>) → number of successful POSTs; every known form is present.</summary>
    public required IReadOnlyDictionary<string, int> Submissions { get; init; }

    /// <summary>Form name → number of POSTs the server refused: validation errors, wrong credentials, and repeats of a
    /// submission already done (a second dispute for an invoice, a second submit or decision of a report).</summary>
    public required IReadOnlyDictionary<string, int> FailedSubmissions { get; init; }

    /// <summary>Requests that came again under an <c>Idempotency-Key</c> the sites already had, by how they were answered.</summary>
    public KeyedRepeatCounts KeyedRepeats { get; init; } = new(0, 0, 0);

    /// <summary>Successful submissions of <paramref name="form"/>; 0 for unknown names.</summary>
    public int SubmissionCount(string form) => Submissions.GetValueOrDefault(form);

    /// <summary>Rejected submissions of <paramref name="form"/>; 0 for unknown names.</summary>
    public int FailedCount(string form) => FailedSubmissions.GetValueOrDefault(form);
}

/// <summary>Requests sent again under an <c>Idempotency-Key</c>, by answer (see <see cref="DemoState.KeyedRepeats"/>).</summary>
/// <param name="Replayed">Answered with the first request's kept answer (nothing acted on again).</param>
/// <param name="InProgress">Answered 409: the first request with the key was still being processed.</param>
/// <param name="Mismatched">Answered 422: the key had been used for another request.</param>
public sealed record KeyedRepeatCounts(int Replayed, int InProgress, int Mismatched);

/// <summary>How the sites answered a request that came again under a key they had.</summary>
internal enum KeyedRepeat
{
    /// <summary>The kept answer of the first (<c>Idempotent-Replayed</c>).</summary>
    Replayed,

    /// <summary>409: the first is still being processed.</summary>
    InProgress,

    /// <summary>422: the key came with another request.</summary>
    Mismatched,
}
