using System.Globalization;

namespace ScribeActors.Agent.Datasets;

/// <summary>One task instance: a task template on one site with one seed.</summary>
/// <param name="Task">The task template id.</param>
/// <param name="Site">The site it runs on.</param>
/// <param name="Seed">The seed.</param>
public sealed record DatasetInstanceKey(string Task, string Site, int Seed)
{
    /// <summary>The instance id, <c>{task}/{seed}</c>.</summary>
    public string Id => string.Create(CultureInfo.InvariantCulture, $"{Task}/{Seed}");

    /// <summary>The id of the record of step <paramref name="step"/>, <c>{task}/{seed}/{step}</c>.</summary>
    public string RecordId(int step) => string.Create(CultureInfo.InvariantCulture, $"{Task}/{Seed}/{step}");

    /// <summary>Where the instance's records live inside a dataset folder, relative, with forward slashes.</summary>
    public string RelativeFile => string.Create(CultureInfo.InvariantCulture, $"records/{Task}/{Seed:D4}.jsonl");
}
