using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ScribeActors.Agent.Datasets;

/// <summary>One task instance: a task template on one site with one seed, or one workflow run stored in a cluster.</summary>
/// <param name="Task">The task template id.</param>
/// <param name="Site">The site it runs on.</param>
/// <param name="Seed">The seed; for a run, the workflow id's split number (<see cref="DatasetSplits.RunSeed"/>).</param>
/// <param name="Workflow">For a run exported from a cluster: the workflow id, which then names the instance and its
/// records; <see langword="null"/> for an instance built from a seed.</param>
public sealed record DatasetInstanceKey(string Task, string Site, int Seed, string? Workflow = null)
{
    /// <summary>The instance id: <c>{task}/{seed}</c>, or the workflow id for a run.</summary>
    public string Id => Workflow ?? string.Create(CultureInfo.InvariantCulture, $"{Task}/{Seed}");

    /// <summary>The id of the record of step <paramref name="step"/>: <c>{task}/{seed}/{step}</c>, or
    /// <c>{workflow}/{step}</c> for a run.</summary>
    public string RecordId(int step) => string.Create(CultureInfo.InvariantCulture, $"{Id}/{step}");

    /// <summary>Where the instance's records live inside a dataset folder, relative, with forward slashes:
    /// <c>records/{task}/{seed:D4}.jsonl</c>, or <c>records/runs/{workflow}.jsonl</c> for a run (a workflow id with other
    /// characters than letters, digits, <c>.</c>, <c>_</c> and <c>-</c> has them replaced and a hash of the id appended).</summary>
    public string RelativeFile => Workflow is null
        ? string.Create(CultureInfo.InvariantCulture, $"records/{Task}/{Seed:D4}.jsonl")
        : $"records/runs/{FileName(Workflow)}.jsonl";

    private static string FileName(string workflow)
    {
        var safe = workflow.Length is > 0 and <= 100 && workflow[0] != '.' && workflow.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
        if (safe)
        {
            return workflow;
        }

        var cleaned = new string([.. workflow.Take(80).Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_')]);
        return $"{cleaned}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(workflow)))[..12]}";
    }
}
