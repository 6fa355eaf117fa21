namespace ScribeActors.DemoSites.State;

/// <summary>The fixed option lists of the forms: values and labels never change with the seed.</summary>
internal static class DemoCatalogs
{
    /// <summary>Dispute reasons: option value → label.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> DisputeReasons =
    [
        ("wrong-quantity", "Wrong quantity"),
        ("wrong-price", "Wrong unit price"),
        ("damaged", "Damaged goods"),
        ("not-delivered", "Goods not delivered"),
        ("duplicate", "Duplicate invoice"),
    ];

    /// <summary>Invoice status filter of the search form: value → label.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> InvoiceStatusFilters =
    [
        ("open", "Open"),
        ("overdue", "Overdue"),
        ("paid", "Paid"),
        ("disputed", "Disputed"),
    ];

    /// <summary>Expense categories: value → label.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> ExpenseCategories =
    [
        ("travel", "Travel"),
        ("meals", "Meals"),
        ("lodging", "Lodging"),
        ("office", "Office supplies"),
        ("software", "Software"),
        ("training", "Training"),
    ];

    /// <summary>Merchants typical of each category label.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> MerchantsByCategory = new Dictionary<string, string[]>
    {
        ["Travel"] = ["Lufthansa", "Deutsche Bahn", "Uber", "SNCF Connect", "Hertz"],
        ["Meals"] = ["Cafe Central", "Trattoria Roma", "Sushi Bar Koi", "The Green Fork"],
        ["Lodging"] = ["Hotel Astoria", "Ibis Budget Center", "Marriott Riverside", "NH Collection"],
        ["Office supplies"] = ["Staples", "Office Depot", "Viking Direct"],
        ["Software"] = ["JetBrains", "Adobe", "Atlassian", "GitHub"],
        ["Training"] = ["Coursera", "Pluralsight", "Udemy Business"],
    };

    /// <summary>Projects an expense can be booked to: code → label.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> Projects =
    [
        ("PRJ-100", "General overhead (PRJ-100)"),
        ("PRJ-104", "Apollo rollout (PRJ-104)"),
        ("PRJ-117", "Internal tooling (PRJ-117)"),
        ("PRJ-121", "Customer onboarding (PRJ-121)"),
        ("PRJ-133", "Autumn trade fair (PRJ-133)"),
    ];

    public static readonly string[] Vendors =
    [
        "Northwind Traders", "Contoso Supplies", "Fabrikam Logistics", "Adventure Works",
        "Tailspin Parts", "Litware Components", "Wingtip Packaging", "Proseware Industrial",
    ];

    public static readonly string[] LineItems =
    [
        "Steel brackets M8", "Packaging tape 50 m", "Pallet stretch wrap", "Safety gloves (box of 50)", "Cable ties 300 mm",
        "Printer toner black", "Hydraulic hose 1 m", "LED panel 60x60", "Copy paper A4 (box)", "Freight surcharge",
        "Corrugated boxes 40x30x30", "Hex bolts M10 (100)", "Label rolls 100x150", "Forklift service visit",
    ];

    /// <summary>The label of <paramref name="value"/> in <paramref name="options"/>, or <see langword="null"/>.</summary>
    public static string? LabelOf(IReadOnlyList<(string Value, string Label)> options, string? value) =>
        options.FirstOrDefault(o => o.Value == value).Label;

    /// <summary>The value of the option labelled <paramref name="label"/>.</summary>
    public static string ValueOf(IReadOnlyList<(string Value, string Label)> options, string label) =>
        options.First(o => o.Label == label).Value;
}
