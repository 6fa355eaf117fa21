using System.Collections.Concurrent;

namespace ScribeActors.Grains.Storage;

/// <summary>Keeps artefacts in process memory; for single-process tests and tools that need no durability.</summary>
/// <param name="time">The clock that says when an artefact was stored (default: the system clock).</param>
public sealed class InMemoryArtifactStore(TimeProvider? time = null) : IArtifactStore
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<string, (byte[] Bytes, DateTimeOffset StoredAt)> _items = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<string> PutAsync(string kind, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var reference = ArtifactReference.For(kind, content.Span);
        var now = _time.GetUtcNow();
        _items.AddOrUpdate(reference, _ => (content.ToArray(), now), (_, known) => (known.Bytes, now));
        return Task.FromResult(reference);
    }

    /// <inheritdoc />
    public Task<byte[]?> GetAsync(string reference, CancellationToken cancellationToken = default) =>
        Task.FromResult(_items.TryGetValue(reference, out var item) ? item.Bytes : null);

    /// <inheritdoc />
    public Task<int> DeleteOlderThanAsync(string kind, DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        var deleted = 0;
        foreach (var (reference, item) in _items)
        {
            if (reference.StartsWith(kind + "/", StringComparison.Ordinal) && item.StoredAt < cutoff && _items.TryRemove(reference, out _))
            {
                deleted++;
            }
        }

        return Task.FromResult(deleted);
    }
}
