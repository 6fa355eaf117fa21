using Orleans.Placement;

namespace ScribeActors.Grains.Placement;

/// <summary>
/// Places activations of the decorated grain class only on silos whose configured roles include <see cref="Role"/>.
/// </summary>
/// <remarks>
/// Orleans' built-in silo-metadata filters compare candidates with the *calling* silo's metadata, so a call from a
/// silo without the role would place the grain on silos without it too. This filter compares with a fixed role.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RequireSiloRoleAttribute(string role) : PlacementFilterAttribute(new RequireSiloRoleStrategy(role))
{
    /// <summary>The required role.</summary>
    public string Role { get; } = role;
}
