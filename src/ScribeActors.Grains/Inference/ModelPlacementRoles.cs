using Microsoft.Extensions.Options;
using ScribeActors.Abstractions;
using ScribeActors.Inference;

namespace ScribeActors.Grains.Inference;

/// <summary>Reads the required role from the model registry (<c>Scribe:Models:{id}:RequiredRole</c>; <c>gpu</c> for local
/// models and <c>inference</c> for remote endpoints unless set). A model named by path, or not configured, needs
/// <c>gpu</c>: the inference grain on such a silo then reports what is wrong with it.</summary>
public sealed class ModelPlacementRoles(IOptions<ModelRegistryOptions> registry) : IModelPlacementRoles
{
    /// <inheritdoc />
    public string RequiredRole(string modelId)
    {
        foreach (var (id, options) in registry.Value.Models)
        {
            if (string.Equals(id, modelId, StringComparison.OrdinalIgnoreCase))
            {
                return options.RequiredRole;
            }
        }

        return SiloRoles.Gpu;
    }
}
