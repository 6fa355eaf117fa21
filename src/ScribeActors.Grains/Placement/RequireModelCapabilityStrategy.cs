using Orleans.Placement;

namespace ScribeActors.Grains.Placement;

/// <summary>The placement-filter strategy behind <see cref="RequireModelCapabilityAttribute"/>.</summary>
public sealed class RequireModelCapabilityStrategy() : PlacementFilterStrategy(order: 0);
