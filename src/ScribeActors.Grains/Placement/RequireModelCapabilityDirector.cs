using Orleans.Placement;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;
using ScribeActors.Abstractions;
using ScribeActors.Grains.Inference;

namespace ScribeActors.Grains.Placement;

/// <summary>Keeps the silos that declare <see cref="SiloRoles.Inference"/> and the model's required role.</summary>
public sealed class RequireModelCapabilityDirector(ISiloMetadataCache metadata, IModelPlacementRoles roles) : IPlacementFilterDirector
{
    /// <inheritdoc />
    public IEnumerable<SiloAddress> Filter(PlacementFilterStrategy filterStrategy, PlacementTarget target, IEnumerable<SiloAddress> silos)
    {
        var modelId = target.GrainIdentity.Key.ToString() ?? "";
        var required = roles.RequiredRole(modelId);
        var kept = silos.Where(silo =>
        {
            var siloMetadata = metadata.GetSiloMetadata(silo).Metadata;
            return RequireSiloRoleDirector.HasRole(siloMetadata, SiloRoles.Inference) && RequireSiloRoleDirector.HasRole(siloMetadata, required);
        }).ToList();
        return kept.Count > 0
            ? kept
            : throw new OrleansException($"No active silo declares the roles '{SiloRoles.Inference}' and '{required}' that model '{modelId}' needs; start one with --roles {SiloRoles.Inference},{required}.");
    }
}
