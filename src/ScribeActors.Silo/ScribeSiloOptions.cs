using System.ComponentModel.DataAnnotations;

namespace ScribeActors.Silo;

/// <summary>Identity, endpoints and roles of a silo. Section <c>Scribe:Silo</c>; checked at start by
/// <see cref="ScribeSiloOptionsValidator"/>.</summary>
public sealed class ScribeSiloOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Scribe:Silo";

    /// <summary>The cluster id (silos and clients of one cluster share it). Default <c>scribe</c>.</summary>
    [Required]
    public string ClusterId { get; set; } = "scribe";

    /// <summary>The service id; must stay the same across deployments (state and reminders are keyed by it). Default <c>scribe</c>.</summary>
    [Required]
    public string ServiceId { get; set; } = "scribe";

    /// <summary>Silo-to-silo port. Default 11111.</summary>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port. Default 30000.</summary>
    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>HTTP port of the dashboard, REST API and health endpoint. Default 5080.</summary>
    [Range(1, 65535)]
    public int WebPort { get; set; } = 5080;

    /// <summary>The address other silos and clients use to reach this silo. Default 127.0.0.1.</summary>
    [Required]
    public string AdvertisedIP { get; set; } = "127.0.0.1";

    /// <summary>Listen on all interfaces instead of only <see cref="AdvertisedIP"/> (containers). Default false.</summary>
    public bool ListenOnAnyHostAddress { get; set; }

    /// <summary>Comma-separated roles: <c>browser</c>, <c>inference</c>, <c>gpu</c>. Default all of them.</summary>
    public string Roles { get; set; } = "browser,inference,gpu";

    /// <summary>Lowers Orleans' minimum reminder period (default 1 minute). For tests and demos only.</summary>
    public TimeSpan? MinimumReminderPeriod { get; set; }

    /// <summary>Declare dead silos within a few seconds instead of the production defaults (tests, demos, small clusters
    /// on one host). Default false.</summary>
    public bool FastFailureDetection { get; set; }

    /// <summary>The parsed role list.</summary>
    public IReadOnlyList<string> RoleList =>
        Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
