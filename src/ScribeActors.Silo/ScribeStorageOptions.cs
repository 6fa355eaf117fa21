using System.ComponentModel.DataAnnotations;

namespace ScribeActors.Silo;

/// <summary>The Azure Storage account holding membership, grain state, reminders and artefacts. Section <c>Scribe:Storage</c>;
/// checked at start by <see cref="ScribeStorageOptionsValidator"/>.</summary>
public sealed class ScribeStorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Scribe:Storage";

    /// <summary>The full name of the connection-string setting, for error messages.</summary>
    public const string ConnectionStringKey = SectionName + ":ConnectionString";

    /// <summary>The local Azurite emulator on 127.0.0.1 (blob 10000, queue 10001, table 10002).</summary>
    public const string AzuriteConnectionString = Abstractions.AzuriteDefaults.ConnectionString;

    /// <summary>The connection string. Default: Azurite on 127.0.0.1.</summary>
    [Required]
    public string ConnectionString { get; set; } = AzuriteConnectionString;

    /// <summary>Blob container of the grain state. Default <c>scribe-state</c>. Separate services sharing one account
    /// must use separate containers (their grain keys would otherwise collide).</summary>
    [Required]
    public string StateContainer { get; set; } = "scribe-state";
}
