namespace ScribeActors.Grains.Storage;

/// <summary>Content-addressed storage for large artefacts (raw DOMs, screenshots) kept out of grain state.</summary>
public interface IArtifactStore
{
    /// <summary>Stores <paramref name="content"/> under its sha256 and returns the reference <c>{kind}/{sha256}</c>.
    /// Storing the same content twice is a no-op.</summary>
    Task<string> PutAsync(string kind, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>Reads an artefact back, or <see langword="null"/> when it does not exist.</summary>
    Task<byte[]?> GetAsync(string reference, CancellationToken cancellationToken = default);
}
