namespace ScribeActors.Grains.Inference;

/// <summary>Which silo role a model needs besides <c>inference</c> (from the model registry).</summary>
public interface IModelPlacementRoles
{
    /// <summary>The role a silo must declare to host <paramref name="modelId"/>.</summary>
    string RequiredRole(string modelId);
}
