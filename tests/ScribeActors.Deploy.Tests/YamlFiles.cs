using YamlDotNet.RepresentationModel;

namespace ScribeActors.Deploy.Tests;

/// <summary>Loads the YAML files under deploy/ (every document of a multi-document file) and reads nodes from them.</summary>
internal static class YamlFiles
{
    /// <summary>Every *.yaml and *.yml file under deploy/, sorted.</summary>
    public static IReadOnlyList<string> UnderDeploy() =>
        Directory.EnumerateFiles(RepoRoot.Resolve("deploy"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Parses every document in a file; throws YamlDotNet's exception (with line and column) on bad YAML.</summary>
    public static IReadOnlyList<YamlDocument> Load(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return [.. stream.Documents];
    }

    /// <summary>The root mapping of every non-empty document in the Kubernetes manifests, with where it came from.</summary>
    public static IReadOnlyList<KubernetesObject> KubernetesObjects()
    {
        var objects = new List<KubernetesObject>();
        foreach (var file in Directory.EnumerateFiles(RepoRoot.Resolve("deploy/k8s"), "*.yaml").Order(StringComparer.Ordinal))
        {
            var documents = Load(file);
            for (var i = 0; i < documents.Count; i++)
            {
                if (documents[i].RootNode is YamlMappingNode root)
                {
                    objects.Add(new KubernetesObject($"{RepoRoot.Relative(file)} (document {i + 1})", root));
                }
            }
        }

        return objects;
    }

    /// <summary>The child of a mapping by key, following YAML merge keys (&lt;&lt;); null when absent.</summary>
    public static YamlNode? Child(this YamlNode? node, string key)
    {
        if (node is not YamlMappingNode mapping)
        {
            return null;
        }

        if (mapping.Children.TryGetValue(new YamlScalarNode(key), out var value))
        {
            return value;
        }

        return mapping.Children.TryGetValue(new YamlScalarNode("<<"), out var merged) ? merged.Child(key) : null;
    }

    /// <summary>Follows a path of mapping keys; null when any step is missing.</summary>
    public static YamlNode? At(this YamlNode? node, params string[] keys)
    {
        foreach (var key in keys)
        {
            node = node.Child(key);
        }

        return node;
    }

    /// <summary>The scalar value at a path of keys; null when missing or not a scalar.</summary>
    public static string? Scalar(this YamlNode? node, params string[] keys) => (node.At(keys) as YamlScalarNode)?.Value;

    /// <summary>The items of a sequence node; empty when the node is missing or not a sequence.</summary>
    public static IEnumerable<YamlNode> Items(this YamlNode? node) =>
        node is YamlSequenceNode sequence ? sequence.Children : [];

    /// <summary>The key/value pairs of a mapping (merge keys resolved, own keys first); empty when not a mapping.</summary>
    public static IReadOnlyDictionary<string, YamlNode> Pairs(this YamlNode? node)
    {
        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        if (node is not YamlMappingNode mapping)
        {
            return result;
        }

        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: { } name } && name != "<<")
            {
                result[name] = value;
            }
        }

        if (mapping.Children.TryGetValue(new YamlScalarNode("<<"), out var merged))
        {
            foreach (var (name, value) in merged.Pairs())
            {
                result.TryAdd(name, value);
            }
        }

        return result;
    }
}
