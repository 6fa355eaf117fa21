using ScribeActors.Abstractions;

namespace ScribeActors.DemoSites;

/// <summary>The fixed demo accounts. They never change with the seed. The task catalogue names the passwords only by
/// their secrets (<c>{{secret:supplier_password}}</c> and so on); a silo or recorder that types them needs
/// <see cref="SecretSettings"/> in its configuration.</summary>
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

    /// <summary>The secret holding <see cref="SupplierPassword"/>.</summary>
    public const string SupplierPasswordSecret = "supplier_password";

    /// <summary>The secret holding <see cref="EmployeePassword"/>.</summary>
    public const string EmployeePasswordSecret = "expenses_employee_password";

    /// <summary>The secret holding <see cref="ManagerPassword"/>.</summary>
    public const string ManagerPasswordSecret = "expenses_manager_password";

    /// <summary>Configuration entries (<c>Scribe:Secrets:NAME:Value</c> and <c>:AllowedHosts</c>) that make the demo
    /// passwords secrets typed only on <paramref name="sitesHost"/> (the sites' <c>host:port</c>, or a host for any port).</summary>
    public static IReadOnlyDictionary<string, string?> SecretSettings(string sitesHost)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sitesHost);
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in new[] { (SupplierPasswordSecret, SupplierPassword), (EmployeePasswordSecret, EmployeePassword), (ManagerPasswordSecret, ManagerPassword) })
        {
            settings[$"Scribe:Secrets:{name}:Value"] = value;
            settings[$"Scribe:Secrets:{name}:AllowedHosts"] = sitesHost;
        }

        return settings;
    }

    /// <summary>What a silo that runs workflows on the demo sites is configured with: <see cref="SecretSettings"/>, and
    /// <paramref name="sitesHost"/> among the hosts that honour <c>Idempotency-Key</c> (<c>Scribe:Browser:IdempotencyKeyHosts</c>;
    /// the sites do), so a form post whose browser died on the way is sent again under its key, never lost or doubled.</summary>
    public static IReadOnlyDictionary<string, string?> SiloSettings(string sitesHost) =>
        new Dictionary<string, string?>(SecretSettings(sitesHost), StringComparer.Ordinal) { ["Scribe:Browser:IdempotencyKeyHosts:0"] = sitesHost };
}
