using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;
using ScribeActors.Abstractions;

namespace ScribeActors.Grains.Placement;

/// <summary>Keeps only the silos whose <see cref="SiloRoles.MetadataKey"/> metadata lists the strategy's role.</summary>
public sealed class RequireSiloRoleDirector(ISiloMetadataCache metadata) : IPlacementFilterDirector
{
    /// <inheritdoc />
    public IEnumerable<SiloAddress> Filter(PlacementFilterStrategy filterStrategy, PlacementTarget target, IEnumerable<SiloAddress> silos)
    {
        var role = ((RequireSiloRoleStrategy)filterStrategy).Role;
        return silos.Where(silo => HasRole(metadata.GetSiloMetadata(silo).Metadata, role));
    }

    /// <summary>Whether a silo's metadata lists <paramref name="role"/>.</summary>
    public static bool HasRole(IReadOnlyDictionary<string, string> siloMetadata, string role) =>
        siloMetadata.TryGetValue(SiloRoles.MetadataKey, out var roles)
        && roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Contains(role, StringComparer.OrdinalIgnoreCase);
}
