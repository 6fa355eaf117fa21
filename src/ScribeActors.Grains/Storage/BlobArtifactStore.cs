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
            // Stored again: a retention sweep goes by the last time the content was stored, and a step now names it.
            await _container.GetBlobClient(reference).SetMetadataAsync(new Dictionary<string, string> { ["stored"] = "again" }, cancellationToken: cancellationToken);
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

    /// <inheritdoc />
    public async Task<int> DeleteOlderThanAsync(string kind, DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        await EnsureContainerAsync(cancellationToken);
        var deleted = 0;
        await foreach (var blob in _container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = kind + "/" }, cancellationToken))
        {
            if (blob.Properties.LastModified is { } stored && stored < cutoff
                && (await _container.GetBlobClient(blob.Name).DeleteIfExistsAsync(cancellationToken: cancellationToken)).Value)
            {
                deleted++;
            }
        }

        return deleted;
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
