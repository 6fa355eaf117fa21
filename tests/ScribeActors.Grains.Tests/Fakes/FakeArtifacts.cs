using ScribeActors.Grains.Storage;

namespace ScribeActors.Grains.Tests.Fakes;

/// <summary>The in-memory artefact store, shared by every silo of a fake cluster, that can be told to fail.</summary>
public sealed class FakeArtifacts : IArtifactStore
{
    private readonly InMemoryArtifactStore _inner = new();

    /// <summary>Makes every store fail (an unreachable storage account).</summary>
    public bool FailPuts { get; set; }

    /// <summary>Stores work again (what was stored stays: references are content hashes, so no test sees another's).</summary>
    public void Reset() => FailPuts = false;

    public Task<string> PutAsync(string kind, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
        FailPuts ? Task.FromException<string>(new IOException("artefact storage is unreachable")) : _inner.PutAsync(kind, content, cancellationToken);

    public Task<byte[]?> GetAsync(string reference, CancellationToken cancellationToken = default) => _inner.GetAsync(reference, cancellationToken);

    public Task<int> DeleteOlderThanAsync(string kind, DateTimeOffset cutoff, CancellationToken cancellationToken = default) =>
        _inner.DeleteOlderThanAsync(kind, cutoff, cancellationToken);
}
