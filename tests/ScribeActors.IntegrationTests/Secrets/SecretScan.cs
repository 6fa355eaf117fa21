using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace ScribeActors.IntegrationTests.Secrets;

/// <summary>Looks for a secret value everywhere a test can read: every blob of every container and every entity of every
/// table of a storage account, and any texts (logs, API answers, files). A value is looked for as written, percent-
/// encoded, JSON-escaped and as UTF-16, so an encoding does not hide it.</summary>
public sealed class SecretScan(string value)
{
    private readonly byte[][] _needles =
    [
        .. new[] { value, Uri.EscapeDataString(value), System.Text.Json.JsonSerializer.Serialize(value)[1..^1] }
            .Distinct()
            .SelectMany(v => new[] { Encoding.UTF8.GetBytes(v), Encoding.Unicode.GetBytes(v) }),
    ];

    public List<string> Hits { get; } = [];

    /// <summary>What was scanned, so a test can show the scan covered the places it claims to.</summary>
    public List<string> Scanned { get; } = [];

    public async Task<SecretScan> StorageAsync(string connectionString)
    {
        var blobs = new BlobServiceClient(connectionString);
        await foreach (var container in blobs.GetBlobContainersAsync())
        {
            var client = blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync())
            {
                var content = (await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray();
                Bytes($"blob {container.Name}/{blob.Name}", content);
            }
        }

        var tables = new TableServiceClient(connectionString);
        await foreach (var table in tables.QueryAsync())
        {
            await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                var text = string.Join("\n", entity.Select(p => $"{p.Key}={(p.Value is byte[] b ? Encoding.UTF8.GetString(b) : p.Value)}"));
                Text($"table {table.Name}/{entity.PartitionKey}/{entity.RowKey}", text);
            }
        }

        return this;
    }

    public SecretScan Text(string where, string? text)
    {
        if (text is not null)
        {
            Bytes(where, Encoding.UTF8.GetBytes(text));
        }

        return this;
    }

    public SecretScan Bytes(string where, byte[] content)
    {
        Scanned.Add(where);
        if (_needles.Any(n => content.AsSpan().IndexOf(n) >= 0))
        {
            Hits.Add(where);
        }

        return this;
    }
}
