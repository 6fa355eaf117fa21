using System.Security.Cryptography;

namespace ScribeActors.Grains.Storage;

/// <summary>Builds artefact references: <c>{kind}/{sha256 hex}</c>.</summary>
public static class ArtifactReference
{
    /// <summary>The reference of <paramref name="content"/> stored as <paramref name="kind"/>.</summary>
    public static string For(string kind, ReadOnlySpan<byte> content) =>
        $"{kind}/{Convert.ToHexStringLower(SHA256.HashData(content))}";
}
