namespace ScribeActors.DemoSites.State;

/// <summary>A login account of one site.</summary>
internal sealed record DemoAccount(string Site, string Username, string Password, string DisplayName, string Role);

/// <summary>The accounts each site accepts.</summary>
internal static class DemoAccounts
{
    public static readonly IReadOnlyList<DemoAccount> All =
    [
        new(SiteNames.Supplier, DemoCredentials.SupplierUser, DemoCredentials.SupplierPassword, "Alice Moreau", "supplier"),
        new(SiteNames.Expenses, DemoCredentials.EmployeeUser, DemoCredentials.EmployeePassword, "Bob Martin", "employee"),
        new(SiteNames.Expenses, DemoCredentials.ManagerUser, DemoCredentials.ManagerPassword, "Carol Nguyen", "manager"),
    ];

    /// <summary>The account of <paramref name="site"/> with these credentials, or <see langword="null"/>.</summary>
    public static DemoAccount? Find(string site, string username, string password) =>
        All.FirstOrDefault(a => a.Site == site && a.Username == username && a.Password == password);
}
