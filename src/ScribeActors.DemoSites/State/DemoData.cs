using ScribeActors.DemoSites.Layout;

namespace ScribeActors.DemoSites.State;

/// <summary>
/// The seeded starting data of both sites: invoices, the expense reports already in the system, and the number ranges
/// new disputes and reports draw from. The same seed always gives the same data; the task catalogue reads it to pick
/// task parameters.
/// </summary>
internal sealed class DemoData
{
    public const int InvoiceCount = 35;
    public const string Currency = "EUR";

    /// <summary>Employees other than the demo accounts whose reports fill the approval queue.</summary>
    public static readonly IReadOnlyList<(string Username, string Name)> OtherEmployees =
    [
        ("dana", "Dana Smith"), ("erin", "Erin Lopez"), ("frank", "Frank Okafor"), ("grace", "Grace Liu"), ("hiro", "Hiro Tanaka"),
    ];

    private DemoData(int seed, IReadOnlyList<Invoice> invoices, IReadOnlyList<ExpenseReport> reports, int firstDispute, int nextReport)
    {
        Seed = seed;
        Invoices = invoices;
        ExpenseReports = reports;
        FirstDisputeNumber = firstDispute;
        NextReportNumber = nextReport;
    }

    public int Seed { get; }

    /// <summary>Invoices, newest first.</summary>
    public IReadOnlyList<Invoice> Invoices { get; }

    /// <summary>Expense reports present after a reset; every one of the demo employee's is already decided.</summary>
    public IReadOnlyList<ExpenseReport> ExpenseReports { get; }

    public int FirstDisputeNumber { get; }

    public int NextReportNumber { get; }

    public static DemoData Create(int seed)
    {
        var invoices = CreateInvoices(new SeededRandom(seed, "data:invoices"));
        var numbers = new SeededRandom(seed, "data:numbers");
        var firstDispute = numbers.Next(5000, 9000);
        var firstReport = numbers.Next(1000, 8000);
        var reports = CreateReports(new SeededRandom(seed, "data:reports"), firstReport);
        return new DemoData(seed, invoices, reports, firstDispute, firstReport + reports.Count);
    }

    private static List<Invoice> CreateInvoices(SeededRandom rng)
    {
        var seen = new HashSet<int>();
        var numbers = new List<int>(InvoiceCount);
        while (numbers.Count < InvoiceCount)
        {
            var candidate = rng.Next(1000, 10000);
            if (seen.Add(candidate))
            {
                numbers.Add(candidate);
            }
        }

        var date = new DateOnly(2025, 1, 2);
        var invoices = new List<Invoice>(InvoiceCount);
        foreach (var number in numbers)
        {
            date = date.AddDays(rng.Next(1, 5));
            var lines = new List<InvoiceLine>();
            var lineCount = rng.Next(1, 5);
            var items = rng.Shuffled(DemoCatalogs.LineItems);
            for (var i = 0; i < lineCount; i++)
            {
                lines.Add(new InvoiceLine(items[i], rng.Next(1, 41), rng.Next(250, 18000) / 100m));
            }

            var roll = rng.Next(100);
            var status = roll < 45 ? InvoiceStatus.Open : roll < 80 ? InvoiceStatus.Paid : InvoiceStatus.Overdue;
            invoices.Add(new Invoice
            {
                Number = $"INV-{number}",
                Vendor = rng.Pick(DemoCatalogs.Vendors),
                IssueDate = date,
                DueDate = date.AddDays(30),
                Currency = Currency,
                Amount = lines.Sum(l => l.Total),
                Status = status,
                Lines = lines,
            });
        }

        invoices.Reverse();
        return invoices;
    }

    private static List<ExpenseReport> CreateReports(SeededRandom rng, int firstNumber)
    {
        var reports = new List<ExpenseReport>();
        var date = new DateOnly(2025, 2, 3);
        var usedMerchants = new HashSet<string>();

        ExpenseReport Make(string username, string name, ExpenseStatus status)
        {
            date = date.AddDays(rng.Next(1, 6));
            var category = rng.Pick(DemoCatalogs.ExpenseCategories).Label;
            var merchants = DemoCatalogs.MerchantsByCategory[category];
            var merchant = rng.Pick(merchants);
            for (var tries = 0; tries < 8 && !usedMerchants.Add(merchant); tries++)
            {
                category = rng.Pick(DemoCatalogs.ExpenseCategories).Label;
                merchant = rng.Pick(DemoCatalogs.MerchantsByCategory[category]);
            }

            return new ExpenseReport
            {
                Id = $"EXP-{firstNumber + reports.Count}",
                Employee = username,
                EmployeeName = name,
                Date = date,
                Category = category,
                Amount = rng.Next(1200, 64000) / 100m,
                Currency = Currency,
                Merchant = merchant,
                Description = $"{category} for {rng.Pick(DemoCatalogs.Projects).Label.Split(" (")[0]}",
                ReceiptAttached = true,
                Project = rng.Pick(DemoCatalogs.Projects).Value,
                DetailsCompleted = true,
                Status = status,
                DecidedBy = status is ExpenseStatus.Approved or ExpenseStatus.Rejected ? DemoCredentials.ManagerUser : null,
            };
        }

        reports.Add(Make(DemoCredentials.EmployeeUser, "Bob Martin", ExpenseStatus.Approved));
        reports.Add(Make(DemoCredentials.EmployeeUser, "Bob Martin", ExpenseStatus.Rejected));
        var others = rng.Shuffled(OtherEmployees);
        reports.Add(Make(others[0].Username, others[0].Name, ExpenseStatus.Approved));
        var pending = rng.Next(5, 8);
        for (var i = 0; i < pending; i++)
        {
            var (username, name) = others[i % others.Count];
            reports.Add(Make(username, name, ExpenseStatus.Pending));
        }

        reports.Add(Make(DemoCredentials.EmployeeUser, "Bob Martin", ExpenseStatus.Approved));
        return reports;
    }
}
