namespace ScribeActors.Grains.Storage;

/// <summary>Content-addressed storage for large artefacts (raw DOMs, screenshots) kept out of grain state.</summary>
public interface IArtifactStore
{
    /// <summary>Stores <paramref name="content"/> under its sha256 and returns the reference <c>{kind}/{sha256}</c>.
    /// Storing the same content twice is a no-op.</summary>
    Task<string> PutAsync(string kind, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>Reads an artefact back, or <see langword="null"/> when it does not exist.</summary>
    Task<byte[]?> GetAsync(string reference, CancellationToken cancellationToken = default);

    /// <summary>Deletes the artefacts of <paramref name="kind"/> last stored before <paramref name="cutoff"/> (storing the
    /// same content again counts as storing it then) and returns how many went.</summary>
    Task<int> DeleteOlderThanAsync(string kind, DateTimeOffset cutoff, CancellationToken cancellationToken = default);
}
