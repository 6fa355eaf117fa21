namespace ScribeActors.DemoSites;

/// <summary>The fixed demo accounts. They never change with the seed.</summary>
public static class DemoCredentials
{
    /// <summary>Supplier portal user (<c>/supplier</c>).</summary>
    public const string SupplierUser = "alice";

    /// <summary>Password of <see cref="SupplierUser"/>.</summary>
    public const string SupplierPassword = "alice-pass";

    /// <summary>Expenses app employee (<c>/expenses</c>).</summary>
    public const string EmployeeUser = "bob";

    /// <summary>Password of <see cref="EmployeeUser"/>.</summary>
    public const string EmployeePassword = "bob-pass";

    /// <summary>Expenses app manager, who sees the approval queue.</summary>
    public const string ManagerUser = "carol";

    /// <summary>Password of <see cref="ManagerUser"/>.</summary>
    public const string ManagerPassword = "carol-pass";
}
