using System.Text;
using System.Text.Json;
using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Datasets;

public sealed partial class DatasetFolder
{
    /// <summary>
    /// Writes what is derived from the records: the splits manifest, the exports per scheme and split, and the
    /// statistics (JSON and text). Earlier exports are replaced, so the folder's bytes depend on the records alone.
    /// </summary>
    /// <param name="planned">How many instances the build asked for.</param>
    /// <param name="counter">Counts tokens for the statistics.</param>
    /// <exception cref="SecretLeakException">A record would carry a secret's value.</exception>
    public DatasetStatistics Finish(int planned, ITokenCounter counter)
    {
        ArgumentNullException.ThrowIfNull(counter);
        var records = DatasetSplits.Order(ReadRecords());
        var heldOutTask = _identity.HeldOutTask ?? DatasetSplits.DefaultHeldOutTask(records.Select(r => r.Task).Distinct());
        var heldOutSite = _identity.HeldOutSite ?? DatasetSplits.DefaultHeldOutSite(records.Select(r => r.Site).Distinct());
        var plan = DatasetSplits.Plan(records, heldOutTask, heldOutSite);

        var export = System.IO.Path.Combine(FullPath, "export");
        if (Directory.Exists(export))
        {
            Directory.Delete(export, recursive: true);
        }

        foreach (var scheme in DatasetSplits.Schemes)
        {
            foreach (var split in DatasetSplits.Names)
            {
                var part = plan[scheme][split];
                var stem = $"export/{scheme}/{split}";
                WriteFile($"{stem}.chat.jsonl", Chunks(part.Select(r => (r.Id, DatasetExport.ChatLine(r))), $"{stem}.chat.jsonl"));
                WriteFile($"{stem}.csv", Chunks(part.Select(r => (r.Id, DatasetExport.ReferenceRow(r))), $"{stem}.csv", DatasetExport.ReferenceHeader));
                WriteFile($"{stem}_final.csv", Chunks(part.Select(r => (r.Id, DatasetExport.FinalRow(r))), $"{stem}_final.csv", DatasetExport.FinalHeader));
            }
        }

        var splits = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var scheme in DatasetSplits.Schemes)
        {
            splits[scheme] = new
            {
                heldOut = scheme switch { "template" => heldOutTask, "site" => heldOutSite, _ => null },
                train = plan[scheme]["train"].Select(r => r.Id),
                validation = plan[scheme]["validation"].Select(r => r.Id),
                test = plan[scheme]["test"].Select(r => r.Id),
            };
        }

        WriteText("splits.json", JsonSerializer.Serialize(splits, DatasetJson.Indented) + "\n");
        var failures = _done.Values.Where(e => !e.Built).Select(e => new DatasetFailure(e.Instance, e.Reason ?? "")).ToList();
        var statistics = DatasetStatistics.Compute(plan, records, planned, failures, counter);
        WriteText("stats.json", JsonSerializer.Serialize(statistics, DatasetJson.Indented) + "\n");
        WriteText("stats.txt", statistics.ToText());
        return statistics;
    }

    /// <summary>The records of every built instance, in the light form (without the full DOM).</summary>
    public IReadOnlyList<DatasetRecord> ReadRecords()
    {
        var records = new List<DatasetRecord>();
        foreach (var entry in _done.Values.Where(e => e.Built))
        {
            var file = System.IO.Path.Combine(FullPath, entry.File!);
            foreach (var line in File.ReadLines(file).Where(l => l.Length > 0))
            {
                var record = JsonSerializer.Deserialize<DatasetRecord>(line, DatasetJson.Compact)
                    ?? throw new DatasetFolderException($"{file} holds an empty record line.");
                records.Add(record with { Dom = "" });
            }
        }

        return records;
    }

    private void WriteText(string relative, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        _scan.Check(bytes, relative);
        WriteFile(relative, bytes);
    }
}
