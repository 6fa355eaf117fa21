using System.Globalization;
using System.Text;
using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Datasets;

/// <summary>The statistics summary of a dataset: what was built, what failed, and per scheme and split how many
/// steps, instances, tasks, sites and tokens. Deterministic: no timings, no dates.</summary>
public sealed record DatasetStatistics
{
    /// <summary>The token counter the token figures come from.</summary>
    public required string TokenCounter { get; init; }

    /// <summary>Task instances asked for.</summary>
    public required int InstancesPlanned { get; init; }

    /// <summary>Instances whose expert solution ran and passed the server check (their records are exported).</summary>
    public required int InstancesBuilt { get; init; }

    /// <summary>Instances whose expert solution failed or whose check did not pass, each with the reason.</summary>
    public required IReadOnlyList<DatasetFailure> Failures { get; init; }

    /// <summary>Per task template: instances built and steps per instance.</summary>
    public required IReadOnlyList<TaskStatistics> Tasks { get; init; }

    /// <summary>Per scheme, per split (train, validation, test).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, SplitStatistics>> Splits { get; init; }

    /// <summary>Computes the summary.</summary>
    /// <param name="plan">The splits (<see cref="DatasetSplits.Plan"/>).</param>
    /// <param name="records">Every exported record.</param>
    /// <param name="planned">Instances asked for.</param>
    /// <param name="failures">Instances that failed.</param>
    /// <param name="counter">Counts the prompt and label tokens.</param>
    public static DatasetStatistics Compute(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<DatasetRecord>>> plan, IReadOnlyList<DatasetRecord> records,
        int planned, IReadOnlyList<DatasetFailure> failures, ITokenCounter counter)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(failures);
        ArgumentNullException.ThrowIfNull(counter);
        var tokens = records.ToDictionary(r => r.Id, r => (Prompt: counter.CountTokens(DatasetExport.Prompt(r)), Label: counter.CountTokens(r.Target)), StringComparer.Ordinal);
        return new DatasetStatistics
        {
            TokenCounter = counter.Name,
            InstancesPlanned = planned,
            InstancesBuilt = records.Select(r => r.Instance).Distinct().Count(),
            Failures = [.. failures.OrderBy(f => f.Instance, StringComparer.Ordinal)],
            Tasks =
            [
                .. records.GroupBy(r => r.Task).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
                {
                    var steps = g.GroupBy(r => r.Instance).Select(i => i.Count()).ToArray();
                    return new TaskStatistics(g.Key, g.First().Site, steps.Length, steps.Min(), steps.Max(), Math.Round(steps.Average(), 2));
                }),
            ],
            Splits = plan.ToDictionary(
                s => s.Key,
                s => (IReadOnlyDictionary<string, SplitStatistics>)s.Value.ToDictionary(p => p.Key, p => Split(p.Value, tokens), StringComparer.Ordinal),
                StringComparer.Ordinal),
        };
    }

    /// <summary>The summary as text a person reads.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        Line(text, $"Instances: {InstancesBuilt} built of {InstancesPlanned} planned, {Failures.Count} failed. Tokens by {TokenCounter}.");
        foreach (var failure in Failures)
        {
            Line(text, $"  FAILED {failure.Instance}: {failure.Reason}");
        }

        Line(text, "");
        Line(text, $"{"task",-34} {"site",-10} {"instances",9} {"steps min",9} {"max",4} {"mean",6}");
        foreach (var task in Tasks)
        {
            Line(text, $"{task.Task,-34} {task.Site,-10} {task.Instances,9} {task.MinSteps,9} {task.MaxSteps,4} {task.MeanSteps,6:F2}");
        }

        foreach (var (scheme, splits) in Splits.OrderBy(s => DatasetSplits.Schemes.ToList().IndexOf(s.Key)))
        {
            Line(text, "");
            Line(text, $"split by {scheme}:");
            Line(text, $"  {"split",-10} {"steps",6} {"instances",9} {"tasks",5} {"sites",5} {"prompt tokens",13} {"max prompt",10} {"label tokens",12} {"gold shown",10} {"truncated",9}");
            foreach (var name in DatasetSplits.Names)
            {
                var s = splits[name];
                Line(text, $"  {name,-10} {s.Steps,6} {s.Instances,9} {s.Tasks.Count,5} {s.Sites.Count,5} {s.PromptTokens,13} {s.MaxPromptTokens,10} {s.LabelTokens,12} {s.GoldShown,10} {s.Truncated,9}");
            }
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, FormattableString line) => text.Append(line.ToString(CultureInfo.InvariantCulture)).Append('\n');

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');

    private static SplitStatistics Split(IReadOnlyList<DatasetRecord> records, Dictionary<string, (int Prompt, int Label)> tokens) => new()
    {
        Steps = records.Count,
        Instances = records.Select(r => r.Instance).Distinct().Count(),
        Tasks = [.. records.Select(r => r.Task).Distinct().Order(StringComparer.Ordinal)],
        Sites = [.. records.Select(r => r.Site).Distinct().Order(StringComparer.Ordinal)],
        PromptTokens = records.Sum(r => (long)tokens[r.Id].Prompt),
        MaxPromptTokens = records.Count == 0 ? 0 : records.Max(r => tokens[r.Id].Prompt),
        LabelTokens = records.Sum(r => (long)tokens[r.Id].Label),
        GoldShown = records.Count(r => r.GoldShown),
        Truncated = records.Count(r => r.Truncated),
    };
}

/// <summary>An instance that gave no records.</summary>
/// <param name="Instance">The instance id.</param>
/// <param name="Reason">Why: the recording error or the failed server check.</param>
public sealed record DatasetFailure(string Instance, string Reason);

/// <summary>Per task template.</summary>
/// <param name="Task">The template id.</param>
/// <param name="Site">Its site.</param>
/// <param name="Instances">Instances built.</param>
/// <param name="MinSteps">Fewest steps in an instance.</param>
/// <param name="MaxSteps">Most steps in an instance.</param>
/// <param name="MeanSteps">Mean steps per instance, two decimals.</param>
public sealed record TaskStatistics(string Task, string Site, int Instances, int MinSteps, int MaxSteps, double MeanSteps);

/// <summary>One split of one scheme.</summary>
public sealed record SplitStatistics
{
    /// <summary>Records (steps).</summary>
    public required int Steps { get; init; }

    /// <summary>Task instances.</summary>
    public required int Instances { get; init; }

    /// <summary>Task templates present.</summary>
    public required IReadOnlyList<string> Tasks { get; init; }

    /// <summary>Sites present.</summary>
    public required IReadOnlyList<string> Sites { get; init; }

    /// <summary>Prompt tokens (system and user turns in ChatML) summed over the records.</summary>
    public required long PromptTokens { get; init; }

    /// <summary>The longest prompt, in tokens.</summary>
    public required int MaxPromptTokens { get; init; }

    /// <summary>Label tokens summed over the records.</summary>
    public required long LabelTokens { get; init; }

    /// <summary>Records whose gold node is in the fitted observation.</summary>
    public required int GoldShown { get; init; }

    /// <summary>Records whose observation was cut to fit the budget.</summary>
    public required int Truncated { get; init; }
}
