using System.Collections.Concurrent;

namespace ScribeActors.Grains.Storage;

/// <summary>Keeps artefacts in process memory; for single-process tests and tools that need no durability.</summary>
public sealed class InMemoryArtifactStore : IArtifactStore
{
    private readonly ConcurrentDictionary<string, byte[]> _items = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<string> PutAsync(string kind, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var reference = ArtifactReference.For(kind, content.Span);
        _items.TryAdd(reference, content.ToArray());
        return Task.FromResult(reference);
    }

    /// <inheritdoc />
    public Task<byte[]?> GetAsync(string reference, CancellationToken cancellationToken = default) =>
        Task.FromResult(_items.TryGetValue(reference, out var bytes) ? bytes : null);
}
