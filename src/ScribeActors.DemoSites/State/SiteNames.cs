namespace ScribeActors.DemoSites.State;

/// <summary>The site keys, used as path prefixes, cookie names and form-name prefixes.</summary>
internal static class SiteNames
{
    public const string Supplier = "supplier";
    public const string Expenses = "expenses";
}
