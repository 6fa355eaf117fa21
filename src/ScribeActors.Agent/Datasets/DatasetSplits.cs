namespace ScribeActors.Agent.Datasets;

/// <summary>
/// Assigns task instances to train, validation and test under three schemes, each answering another question:
/// <list type="bullet">
/// <item><c>instance</c>: held-out seeds of the trained templates (new parameters, new layouts). Seeds ending in 0 are
/// test, seeds ending in 1 validation, the rest train: a rule of the seed alone, so a larger build keeps every
/// instance where a smaller one put it.</item>
/// <item><c>template</c>: a held-out task template: all its instances are test; the other templates split their seeds
/// into validation (as in <c>instance</c>) and train.</item>
/// <item><c>site</c>: a held-out site: all instances on it are test; the others as in <c>template</c>.</item>
/// </list>
/// A run exported from a cluster has no seed: its workflow id gives it one (<see cref="RunSeed"/>), so runs split by
/// workflow id under the same rule, and a workflow stays where it was when more runs are exported.
/// </summary>
public static class DatasetSplits
{
    /// <summary>The split names, in file order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["train", "validation", "test"];

    /// <summary>The scheme names, in file order.</summary>
    public static IReadOnlyList<string> Schemes { get; } = ["instance", "template", "site"];

    /// <summary>The split of a seed under the <c>instance</c> scheme.</summary>
    public static string BySeed(int seed) => (seed % 10) switch
    {
        0 => "test",
        1 => "validation",
        _ => "train",
    };

    /// <summary>The number of the ids in <c>0..9999</c> a run is split by: the first four bytes of the SHA-256 of the UTF-8
    /// workflow id, big-endian, modulo 10000. A rule of the id alone, like a seed.</summary>
    public static int RunSeed(string workflowId)
    {
        ArgumentException.ThrowIfNullOrEmpty(workflowId);
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(workflowId));
        return (int)(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(hash) % 10000);
    }

    /// <summary>The default held-out template: the last of <paramref name="tasks"/> in ordinal order.</summary>
    public static string? DefaultHeldOutTask(IEnumerable<string> tasks) => tasks.Order(StringComparer.Ordinal).LastOrDefault();

    /// <summary>The default held-out site: the last of <paramref name="sites"/> in ordinal order.</summary>
    public static string? DefaultHeldOutSite(IEnumerable<string> sites) => sites.Order(StringComparer.Ordinal).LastOrDefault();

    /// <summary>The split of <paramref name="instance"/> under <paramref name="scheme"/>.</summary>
    /// <exception cref="ArgumentException">Unknown scheme.</exception>
    public static string Assign(string scheme, DatasetInstanceKey instance, string? heldOutTask, string? heldOutSite)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return scheme switch
        {
            "instance" => BySeed(instance.Seed),
            "template" => instance.Task == heldOutTask ? "test" : TrainOrValidation(instance.Seed),
            "site" => instance.Site == heldOutSite ? "test" : TrainOrValidation(instance.Seed),
            _ => throw new ArgumentException($"Unknown split scheme '{scheme}'; known: {string.Join(", ", Schemes)}.", nameof(scheme)),
        };
    }

    /// <summary>
    /// The record ids of every split of every scheme, in record order (task, seed, step): what the splits manifest
    /// writes and the exporters follow.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<DatasetRecord>>> Plan(
        IReadOnlyList<DatasetRecord> records, string? heldOutTask, string? heldOutSite)
    {
        ArgumentNullException.ThrowIfNull(records);
        var ordered = Order(records);
        var plan = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<DatasetRecord>>>(StringComparer.Ordinal);
        foreach (var scheme in Schemes)
        {
            var splits = Names.ToDictionary(n => n, _ => new List<DatasetRecord>(), StringComparer.Ordinal);
            foreach (var record in ordered)
            {
                splits[Assign(scheme, new DatasetInstanceKey(record.Task, record.Site, record.Seed), heldOutTask, heldOutSite)].Add(record);
            }

            plan[scheme] = splits.ToDictionary(p => p.Key, p => (IReadOnlyList<DatasetRecord>)p.Value, StringComparer.Ordinal);
        }

        return plan;
    }

    /// <summary>Records in the dataset's one order: task (ordinal), seed, instance (ordinal: runs that share a seed), step.</summary>
    public static IReadOnlyList<DatasetRecord> Order(IEnumerable<DatasetRecord> records) =>
        [.. records.OrderBy(r => r.Task, StringComparer.Ordinal).ThenBy(r => r.Seed).ThenBy(r => r.Instance, StringComparer.Ordinal).ThenBy(r => r.Step)];

    private static string TrainOrValidation(int seed) => BySeed(seed) == "validation" ? "validation" : "train";
}
