using YamlDotNet.RepresentationModel;

namespace ScribeActors.Deploy.Tests;

/// <summary>One Kubernetes object from deploy/k8s: where it was found and its root mapping.</summary>
internal sealed record KubernetesObject(string Source, YamlMappingNode Root)
{
    /// <summary>The object's kind, or null when missing.</summary>
    public string? Kind => Root.Scalar("kind");

    /// <summary>The object's metadata.name, or null when missing.</summary>
    public string? Name => Root.Scalar("metadata", "name");

    /// <summary>"Kind/name (file, document n)", for failure messages.</summary>
    public override string ToString() => $"{Kind}/{Name} in {Source}";
}
