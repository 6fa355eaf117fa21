namespace ScribeActors.DemoSites.State;

/// <summary>The names under which form POSTs are counted in <see cref="DemoState.Submissions"/>.</summary>
public static class FormNames
{
    /// <summary>Supplier portal sign-in.</summary>
    public const string SupplierLogin = "supplier.login";

    /// <summary>Invoice dispute form.</summary>
    public const string SupplierDispute = "supplier.dispute";

    /// <summary>Support chat widget message.</summary>
    public const string SupplierSupport = "supplier.support";

    /// <summary>Newsletter box of the supplier portal (a distractor).</summary>
    public const string SupplierNewsletter = "supplier.newsletter";

    /// <summary>Expenses app sign-in.</summary>
    public const string ExpensesLogin = "expenses.login";

    /// <summary>Step 1 of the expense form (date, category, amount, merchant).</summary>
    public const string ExpensesBasics = "expenses.report-basics";

    /// <summary>Step 2 of the expense form (description, receipt, project).</summary>
    public const string ExpensesDetails = "expenses.report-details";

    /// <summary>Step 3: the final submission of an expense report.</summary>
    public const string ExpensesReport = "expenses.report";

    /// <summary>A manager's approval.</summary>
    public const string ExpensesApprove = "expenses.approve";

    /// <summary>A manager's rejection.</summary>
    public const string ExpensesReject = "expenses.reject";

    /// <summary>Newsletter box of the expenses app (a distractor).</summary>
    public const string ExpensesNewsletter = "expenses.newsletter";

    /// <summary>Every form name, in a fixed order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        SupplierLogin, SupplierDispute, SupplierSupport, SupplierNewsletter,
        ExpensesLogin, ExpensesBasics, ExpensesDetails, ExpensesReport, ExpensesApprove, ExpensesReject, ExpensesNewsletter,
    ];
}
