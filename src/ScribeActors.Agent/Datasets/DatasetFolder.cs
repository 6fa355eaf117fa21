using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ScribeActors.Agent.Datasets;

/// <summary>
/// A dataset on disk: <c>dataset.json</c> (the manifest), <c>records/{task}/{seed}.jsonl</c> (full records, one per
/// line), and after <see cref="Finish"/> <c>splits.json</c>, <c>export/{scheme}/{split}.chat.jsonl</c>,
/// <c>export/{scheme}/{split}.csv</c>, <c>export/{scheme}/{split}_final.csv</c>, <c>stats.json</c> and
/// <c>stats.txt</c>. Every file is written whole (temporary file, then rename) and every byte is scanned for the
/// configured secret values first, record by record, so a leak names the record and nothing of it reaches the disk.
/// </summary>
public sealed partial class DatasetFolder
{
    private readonly SecretScan _scan;
    private readonly SortedDictionary<string, DatasetInstanceEntry> _done = new(StringComparer.Ordinal);
    private readonly DatasetIdentity _identity;

    private DatasetFolder(string path, DatasetIdentity identity, SecretScan scan, IEnumerable<DatasetInstanceEntry> done)
    {
        FullPath = path;
        _identity = identity;
        _scan = scan;
        foreach (var entry in done)
        {
            _done[Key(entry.Task, entry.Seed, entry.Workflow)] = entry;
        }
    }

    /// <summary>The folder.</summary>
    public string FullPath { get; }

    /// <summary>The instances done so far (from an earlier run too).</summary>
    public IReadOnlyCollection<DatasetInstanceEntry> Done => _done.Values;

    /// <summary>
    /// Opens <paramref name="path"/> for the dataset <paramref name="identity"/>: a missing or empty folder starts a new
    /// dataset; a folder whose manifest has the same identity resumes it; anything else is refused.
    /// </summary>
    /// <exception cref="DatasetFolderException">The folder holds another dataset, a file that is not a dataset
    /// manifest, or other files; the message says which and what to do.</exception>
    public static DatasetFolder Open(string path, DatasetIdentity identity, SecretScan scan)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(scan);
        var full = System.IO.Path.GetFullPath(path);
        if (File.Exists(full))
        {
            throw new DatasetFolderException($"{full} is a file; the dataset needs a folder (a new or empty one, or one holding this dataset to resume).");
        }

        var manifestPath = System.IO.Path.Combine(full, DatasetManifest.FileName);
        if (File.Exists(manifestPath))
        {
            var existing = ReadManifest(manifestPath);
            var differences = identity.Differences(existing.Identity);
            if (differences.Count > 0)
            {
                throw new DatasetFolderException(
                    $"{full} holds another dataset ({string.Join("; ", differences)}). Use a new --out folder, or the same arguments to resume that one.");
            }

            return new DatasetFolder(full, identity, scan, existing.Instances);
        }

        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any())
        {
            throw new DatasetFolderException(
                $"{full} is not empty and holds no dataset manifest ({DatasetManifest.FileName}); refusing to write a dataset among other files. Use a new or empty --out folder.");
        }

        Directory.CreateDirectory(full);
        var folder = new DatasetFolder(full, identity, scan, []);
        folder.SaveManifest();
        return folder;
    }

    /// <summary>Whether <paramref name="instance"/> is done: failed before, or built with its records file intact.</summary>
    public bool IsDone(DatasetInstanceKey instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (!_done.TryGetValue(Key(instance.Task, instance.Seed, instance.Workflow), out var entry))
        {
            return false;
        }

        if (!entry.Built)
        {
            return true;
        }

        var file = System.IO.Path.Combine(FullPath, entry.File!);
        return File.Exists(file) && Hash(File.ReadAllBytes(file)) == entry.Sha256;
    }

    /// <summary>Writes the records of a built instance and records it in the manifest.</summary>
    /// <exception cref="SecretLeakException">A record would carry a secret's value; nothing of the instance is written.</exception>
    public void WriteInstance(DatasetInstanceKey instance, IReadOnlyList<DatasetRecord> records)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(records);
        var bytes = Chunks(records.Select(r => (r.Id, JsonSerializer.Serialize(r, DatasetJson.Compact) + "\n")), instance.RelativeFile);
        WriteFile(instance.RelativeFile, bytes);
        Remember(new DatasetInstanceEntry(instance.Id, instance.Task, instance.Site, instance.Seed, true, records.Count, null, instance.RelativeFile, Hash(bytes), instance.Workflow));
    }

    /// <summary>Records a failed instance (it stays failed on resume; the statistics report it).</summary>
    public void WriteFailure(DatasetInstanceKey instance, string reason)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(reason);
        _scan.Check(reason, $"the failure reason of {instance.Id}");
        Remember(new DatasetInstanceEntry(instance.Id, instance.Task, instance.Site, instance.Seed, false, 0, reason, null, null, instance.Workflow));
    }

    private void Remember(DatasetInstanceEntry entry)
    {
        _done[Key(entry.Task, entry.Seed, entry.Workflow)] = entry;
        SaveManifest();
    }

    private void SaveManifest()
    {
        var manifest = new DatasetManifest { Identity = _identity, Instances = [.. _done.Values] };
        var text = JsonSerializer.Serialize(manifest, DatasetJson.Indented) + "\n";
        var bytes = Encoding.UTF8.GetBytes(text);
        _scan.Check(bytes, DatasetManifest.FileName);
        WriteFile(DatasetManifest.FileName, bytes);
    }

    private static DatasetManifest ReadManifest(string path)
    {
        DatasetManifest? manifest = null;
        try
        {
            manifest = JsonSerializer.Deserialize<DatasetManifest>(File.ReadAllText(path), DatasetJson.Indented);
        }
        catch (JsonException)
        {
        }

        if (manifest is not { Kind: DatasetManifest.DatasetKind, Identity: not null })
        {
            throw new DatasetFolderException($"{path} is not a ScribeActors dataset manifest; refusing to write over it. Use a new or empty --out folder.");
        }

        if (manifest.FormatVersion != DatasetManifest.CurrentFormatVersion)
        {
            throw new DatasetFolderException($"{path} is a dataset of format version {manifest.FormatVersion}; this build writes version {DatasetManifest.CurrentFormatVersion}. Use a new --out folder.");
        }

        return manifest;
    }

    /// <summary>Concatenates per-record chunks, scanning each so a leak names its record.</summary>
    private byte[] Chunks(IEnumerable<(string Id, string Text)> chunks, string file, string header = "")
    {
        var buffer = new MemoryStream();
        buffer.Write(Encoding.UTF8.GetBytes(header));
        foreach (var (id, text) in chunks)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            _scan.Check(bytes, $"Record {id} (in {file})");
            buffer.Write(bytes);
        }

        return buffer.ToArray();
    }

    private void WriteFile(string relative, byte[] bytes)
    {
        var path = System.IO.Path.Combine(FullPath, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }

    private static string Key(string task, int seed, string? workflow) => $"{task}\u0000{seed:D9}\u0000{workflow}";

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
