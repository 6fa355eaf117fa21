using Azure;
using Azure.Storage.Blobs;

namespace ScribeActors.Grains.Storage;

/// <summary>Stores artefacts as blobs named by content hash in one container.</summary>
public sealed class BlobArtifactStore(BlobServiceClient blobs, string containerName = BlobArtifactStore.DefaultContainer) : IArtifactStore
{
    /// <summary>The default container name.</summary>
    public const string DefaultContainer = "scribe-artifacts";

    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(containerName);
    private volatile bool _containerReady;

    /// <inheritdoc />
    public async Task<string> PutAsync(string kind, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var reference = ArtifactReference.For(kind, content.Span);
        await EnsureContainerAsync(cancellationToken);
        try
        {
            // Content-addressed: an existing blob already holds exactly these bytes, so a conflict is success.
            await _container.GetBlobClient(reference).UploadAsync(BinaryData.FromBytes(content), overwrite: false, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
        }

        return reference;
    }

    /// <inheritdoc />
    public async Task<byte[]?> GetAsync(string reference, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await _container.GetBlobClient(reference).DownloadContentAsync(cancellationToken);
            return result.Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!_containerReady)
        {
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _containerReady = true;
        }
    }
}
