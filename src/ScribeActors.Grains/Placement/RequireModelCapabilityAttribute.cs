using Orleans.Placement;

namespace ScribeActors.Grains.Placement;

/// <summary>
/// Places an inference grain (key: model id) only on silos that declare the <c>inference</c> role and the role the
/// model needs (<c>gpu</c> for local GGUF models unless configured otherwise): GPU pinning. A silo without those roles
/// never activates the grain, so it never loads a model.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RequireModelCapabilityAttribute() : PlacementFilterAttribute(new RequireModelCapabilityStrategy());
