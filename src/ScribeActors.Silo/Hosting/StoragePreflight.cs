using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace ScribeActors.Silo.Hosting;

/// <summary>Checks, before the silo starts, that the storage account can be reached, so a bad setting fails fast with a
/// message naming it instead of Orleans retrying membership calls for minutes.</summary>
public static class StoragePreflight
{
    /// <summary>Creates the clients for <paramref name="connectionString"/> and checks both services answer.</summary>
    public static async Task<(BlobServiceClient Blobs, TableServiceClient Tables)> CheckAsync(string? connectionString, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new StorageUnavailableException($"{ScribeStorageOptions.ConnectionStringKey} is empty: set it to an Azure Storage connection string (the default is local Azurite).");
        }

        BlobServiceClient probeBlobs;
        TableServiceClient probeTables;
        try
        {
            probeBlobs = new BlobServiceClient(connectionString, new BlobClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(5) } });
            probeTables = new TableServiceClient(connectionString, new TableClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(5) } });
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new StorageUnavailableException($"{ScribeStorageOptions.ConnectionStringKey} is not a valid Azure Storage connection string: {e.Message}", e);
        }

        try
        {
            await probeBlobs.GetBlobContainersAsync(cancellationToken: cancellationToken).AsPages(pageSizeHint: 1).GetAsyncEnumerator(cancellationToken).MoveNextAsync();
            await probeTables.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken).AsPages().GetAsyncEnumerator(cancellationToken).MoveNextAsync();
        }
        catch (Exception e) when (e is RequestFailedException or HttpRequestException or AggregateException or TaskCanceledException)
        {
            var hint = connectionString.Contains("127.0.0.1", StringComparison.Ordinal) || connectionString.Contains("UseDevelopmentStorage", StringComparison.Ordinal)
                ? " Azurite does not seem to run: start it with `Azurite/start.sh` (or `./scribe.sh demo`), or point the setting at a real account."
                : "";
            throw new StorageUnavailableException(
                $"The storage account in {ScribeStorageOptions.ConnectionStringKey} ({probeBlobs.Uri.GetLeftPart(UriPartial.Authority)}) is unreachable: {FirstLine(e.Message)}.{hint}", e);
        }

        // The SDK's default network timeout is 100 s: a storage account that stops answering (frozen, partitioned) would
        // hold every grain write that long per try. 10 s per try and a few short retries let a workflow notice the outage,
        // wait for it, and carry on when it is over.
        var blobOptions = new BlobClientOptions();
        var tableOptions = new TableClientOptions();
        foreach (var retry in new[] { blobOptions.Retry, tableOptions.Retry })
        {
            retry.NetworkTimeout = StorageNetworkTimeout;
            retry.MaxRetries = 3;
            retry.Delay = TimeSpan.FromMilliseconds(500);
            retry.MaxDelay = TimeSpan.FromSeconds(4);
            retry.Mode = RetryMode.Exponential;
        }

        return (new BlobServiceClient(connectionString, blobOptions), new TableServiceClient(connectionString, tableOptions));
    }

    /// <summary>How long one storage request may take before the SDK gives up on it and tries again.</summary>
    public static readonly TimeSpan StorageNetworkTimeout = TimeSpan.FromSeconds(10);

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim().TrimEnd('.');
}
