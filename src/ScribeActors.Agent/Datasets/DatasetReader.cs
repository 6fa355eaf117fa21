using System.Text.Json;

namespace ScribeActors.Agent.Datasets;

/// <summary>
/// Reads a dataset folder that <c>scribe dataset build</c> wrote, for training and evaluation: the manifest, the split
/// plan (<c>splits.json</c>) and the full records of one split. Every problem is a <see cref="DatasetFolderException"/>
/// naming the file and what is wrong.
/// </summary>
public sealed class DatasetReader
{
    private readonly Dictionary<string, DatasetInstanceEntry> _instances;
    private readonly Dictionary<string, Dictionary<string, List<string>>> _splits;

    private DatasetReader(string path, DatasetManifest manifest, Dictionary<string, Dictionary<string, List<string>>> splits)
    {
        FullPath = path;
        Manifest = manifest;
        _splits = splits;
        _instances = manifest.Instances.Where(i => i.Built).ToDictionary(i => i.Instance, StringComparer.Ordinal);
    }

    /// <summary>The folder.</summary>
    public string FullPath { get; }

    /// <summary>What the folder holds and how it was made.</summary>
    public DatasetManifest Manifest { get; }

    /// <summary>Opens <paramref name="path"/>.</summary>
    /// <exception cref="DatasetFolderException">No folder, no manifest, another kind or version of file, or no split plan.</exception>
    public static DatasetReader Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        if (!Directory.Exists(full))
        {
            throw new DatasetFolderException($"There is no dataset folder at {full}: build one with `scribe dataset build`.");
        }

        var manifestPath = Path.Combine(full, DatasetManifest.FileName);
        if (!File.Exists(manifestPath))
        {
            throw new DatasetFolderException($"{full} holds no {DatasetManifest.FileName}: it is not a dataset (or its build never finished an instance).");
        }

        var manifest = Read<DatasetManifest>(manifestPath, DatasetJson.Indented);
        if (manifest is not { Kind: DatasetManifest.DatasetKind, Identity: not null })
        {
            throw new DatasetFolderException($"{manifestPath} is not a ScribeActors dataset manifest.");
        }

        if (manifest.FormatVersion != DatasetManifest.CurrentFormatVersion)
        {
            throw new DatasetFolderException($"{manifestPath} is format version {manifest.FormatVersion}; this build reads version {DatasetManifest.CurrentFormatVersion}.");
        }

        var splitsPath = Path.Combine(full, "splits.json");
        if (!File.Exists(splitsPath))
        {
            throw new DatasetFolderException($"{full} has no splits.json: its build did not finish (run the same `scribe dataset build` again to complete it).");
        }

        return new DatasetReader(full, manifest, ReadSplits(splitsPath));
    }

    /// <summary>The ids of the records in <paramref name="split"/> of <paramref name="scheme"/>, in the plan's order.</summary>
    /// <exception cref="DatasetFolderException">The scheme or split is not in the plan.</exception>
    public IReadOnlyList<string> Ids(string scheme, string split)
    {
        if (!_splits.TryGetValue(scheme, out var byName))
        {
            throw new DatasetFolderException($"The dataset at {FullPath} has no split scheme '{scheme}'; it has: {string.Join(", ", _splits.Keys)}.");
        }

        return byName.TryGetValue(split, out var ids)
            ? ids
            : throw new DatasetFolderException($"Split scheme '{scheme}' of {FullPath} has no split '{split}'; it has: {string.Join(", ", byName.Keys)}.");
    }

    /// <summary>The full records (DOM included) of <paramref name="split"/> of <paramref name="scheme"/>, in the plan's order.</summary>
    /// <exception cref="DatasetFolderException">The split is unknown, a record file is missing or malformed, or a planned record is absent.</exception>
    public IReadOnlyList<DatasetRecord> Records(string scheme, string split)
    {
        var wanted = Ids(scheme, split);
        var byId = new Dictionary<string, DatasetRecord>(StringComparer.Ordinal);
        foreach (var instance in wanted.Select(InstanceOf).Distinct(StringComparer.Ordinal))
        {
            if (!_instances.TryGetValue(instance, out var entry) || entry.File is null)
            {
                throw new DatasetFolderException($"The split plan of {FullPath} names instance '{instance}', which the manifest does not list as built.");
            }

            var file = Path.Combine(FullPath, entry.File);
            if (!File.Exists(file))
            {
                throw new DatasetFolderException($"{file} is missing (instance '{instance}').");
            }

            var line = 0;
            foreach (var text in File.ReadLines(file))
            {
                line++;
                if (text.Length == 0)
                {
                    continue;
                }

                var record = Parse(text, file, line);
                byId[record.Id] = record;
            }
        }

        return [.. wanted.Select(id => byId.TryGetValue(id, out var r) ? r : throw new DatasetFolderException($"Record '{id}' of the split plan is not in its instance file."))];
    }

    private static string InstanceOf(string recordId) => recordId[..recordId.LastIndexOf('/')];

    private static DatasetRecord Parse(string text, string file, int line)
    {
        try
        {
            return JsonSerializer.Deserialize<DatasetRecord>(text, DatasetJson.Compact) ?? throw new JsonException("an empty record");
        }
        catch (JsonException e)
        {
            throw new DatasetFolderException($"{file} line {line} is not a dataset record: {e.Message}");
        }
    }

    /// <summary>scheme → split → record ids; the scheme's other entries (the held-out task or site) are not splits.</summary>
    private static Dictionary<string, Dictionary<string, List<string>>> ReadSplits(string path)
    {
        var splits = new Dictionary<string, Dictionary<string, List<string>>>(StringComparer.Ordinal);
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            foreach (var scheme in json.RootElement.EnumerateObject())
            {
                splits[scheme.Name] = scheme.Value.EnumerateObject()
                    .Where(p => p.Value.ValueKind == JsonValueKind.Array)
                    .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(id => id.GetString() ?? "").ToList(), StringComparer.Ordinal);
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new DatasetFolderException($"{path} is not a split plan (scheme → split → record ids): {e.Message}");
        }

        return splits;
    }

    private static T? Read<T>(string path, JsonSerializerOptions options)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), options);
        }
        catch (JsonException e)
        {
            throw new DatasetFolderException($"{path} is not valid JSON of the expected shape: {e.Message}");
        }
    }
}
