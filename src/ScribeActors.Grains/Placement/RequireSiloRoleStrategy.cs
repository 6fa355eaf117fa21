using Orleans.Metadata;
using Orleans.Placement;

namespace ScribeActors.Grains.Placement;

/// <summary>The placement-filter strategy behind <see cref="RequireSiloRoleAttribute"/>; carries the role through the grain manifest.</summary>
public sealed class RequireSiloRoleStrategy : PlacementFilterStrategy
{
    private const string RoleProperty = "scribe-required-role";

    /// <summary>Used by Orleans when it rebuilds the strategy from the grain manifest.</summary>
    public RequireSiloRoleStrategy() : base(order: 0)
    {
    }

    /// <summary>Creates the strategy for <paramref name="role"/>.</summary>
    public RequireSiloRoleStrategy(string role) : base(order: 0) => Role = role;

    /// <summary>The required role.</summary>
    public string Role { get; private set; } = "";

    /// <inheritdoc />
    public override void AdditionalInitialize(GrainProperties properties) =>
        Role = GetPlacementFilterGrainProperty(RoleProperty, properties) ?? "";

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string>> GetAdditionalGrainProperties(
        IServiceProvider services, Type grainClass, GrainType grainType, IReadOnlyDictionary<string, string> existingProperties)
    {
        yield return new KeyValuePair<string, string>(RoleProperty, Role);
    }
}
