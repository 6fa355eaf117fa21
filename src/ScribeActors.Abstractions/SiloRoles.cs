namespace ScribeActors.Abstractions;

/// <summary>Role names a silo can declare, and the silo-metadata key they are published under.</summary>
public static class SiloRoles
{
    /// <summary>The silo-metadata key holding a comma-separated role list.</summary>
    public const string MetadataKey = "scribe.roles";

    /// <summary>Hosts browser sessions (needs Chromium).</summary>
    public const string Browser = "browser";

    /// <summary>Hosts inference grains.</summary>
    public const string Inference = "inference";

    /// <summary>Has a GPU.</summary>
    public const string Gpu = "gpu";

    /// <summary>Every role, the default of an embedded single silo.</summary>
    public static IReadOnlyList<string> All { get; } = [Browser, Inference, Gpu];
}
