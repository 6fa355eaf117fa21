using ScribeActors.DemoSites.State;

namespace ScribeActors.DemoSites.Tasks;

/// <summary>The demo task catalogue.</summary>
public static class DemoTaskCatalog
{
    /// <summary>The ids of every task, in catalogue order.</summary>
    public static IReadOnlyList<string> Ids { get; } =
    [
        "supplier.download-invoice", "supplier.dispute-invoice", "supplier.largest-open-invoice",
        "expenses.submit-report", "expenses.approve-report", "expenses.reject-report",
    ];

    /// <summary>Every task with parameters drawn from <paramref name="seed"/>; the same seed gives the same tasks. The
    /// sites must be reset with the same seed (<c>/api/reset?seed=N</c>) for the tasks to be solvable.</summary>
    /// <param name="baseUrl">The sites' base address, for example <c>http://127.0.0.1:5100/</c>.</param>
    /// <param name="seed">The seed, from 0 up.</param>
    /// <exception cref="ArgumentException"><paramref name="baseUrl"/> is not an absolute http(s) URL.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="seed"/> is negative.</exception>
    public static IReadOnlyList<DemoTask> Create(Uri baseUrl, int seed)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The demo sites base URL must be an absolute http(s) URL; got '{baseUrl}'.", nameof(baseUrl));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(seed);
        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        var data = DemoData.Create(seed);
        return
        [
            SupplierTasks.DownloadInvoice(root, data),
            SupplierTasks.DisputeInvoice(root, data),
            SupplierTasks.LargestOpenInvoice(root, data),
            ExpenseTasks.SubmitReport(root, data),
            ExpenseTasks.ApproveReport(root, data),
            ExpenseTasks.RejectReport(root, data),
        ];
    }

    /// <summary>The task <paramref name="id"/> of the catalogue for <paramref name="seed"/>.</summary>
    /// <exception cref="KeyNotFoundException">No task has that id; the message lists the ids there are.</exception>
    public static DemoTask Get(Uri baseUrl, int seed, string id) =>
        Create(baseUrl, seed).FirstOrDefault(t => t.Id == id)
        ?? throw new KeyNotFoundException($"There is no demo task '{id}'. Known tasks: {string.Join(", ", Ids)}.");
}
