using System.Text.Json.Serialization;

namespace ScribeActors.Agent.Datasets;

/// <summary>
/// <c>dataset.json</c>: what a dataset folder holds and how it was made. Rewritten after every instance, so a build
/// that stops (an error, a kill) resumes with the same arguments and skips the instances already done.
/// </summary>
public sealed record DatasetManifest
{
    /// <summary>The value of <see cref="Kind"/> in every ScribeActors dataset.</summary>
    public const string DatasetKind = "scribeactors-dataset";

    /// <summary>The file name of the manifest inside a dataset folder.</summary>
    public const string FileName = "dataset.json";

    /// <summary>The format version this code writes and reads.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>Always <see cref="DatasetKind"/>: tells a dataset manifest from any other <c>dataset.json</c>.</summary>
    public string Kind { get; init; } = DatasetKind;

    /// <summary>The format version.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>The inputs that make this dataset what it is.</summary>
    public required DatasetIdentity Identity { get; init; }

    /// <summary>The instances done so far (built or failed), ordered by task then seed.</summary>
    public IReadOnlyList<DatasetInstanceEntry> Instances { get; init; } = [];
}

/// <summary>The inputs of a dataset: the same identity gives the same bytes, and only the same identity resumes.</summary>
public sealed record DatasetIdentity
{
    /// <summary>Where the tasks come from, for example <c>demo-sites http://127.0.0.1:5100/</c>.</summary>
    public required string Source { get; init; }

    /// <summary>The task template ids, in the order asked for.</summary>
    public required IReadOnlyList<string> Tasks { get; init; }

    /// <summary>The seeds in canonical form (<see cref="SeedList.Format"/>).</summary>
    public required string Seeds { get; init; }

    /// <summary>The observation budget in tokens.</summary>
    public required int ObservationTokens { get; init; }

    /// <summary>The fitter's name.</summary>
    public required string Fitter { get; init; }

    /// <summary>The token counter's name.</summary>
    public required string TokenCounter { get; init; }

    /// <summary>The template held out by the <c>template</c> split; <see langword="null"/> takes the default.</summary>
    public string? HeldOutTask { get; init; }

    /// <summary>The site held out by the <c>site</c> split; <see langword="null"/> takes the default.</summary>
    public string? HeldOutSite { get; init; }

    /// <summary>What differs between this identity and <paramref name="other"/>, one phrase per field.</summary>
    public IReadOnlyList<string> Differences(DatasetIdentity other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var differences = new List<string>();
        void Compare(string name, string? mine, string? theirs)
        {
            if (!string.Equals(mine, theirs, StringComparison.Ordinal))
            {
                differences.Add($"{name} '{theirs ?? "(default)"}' there, '{mine ?? "(default)"}' asked");
            }
        }

        Compare("source", Source, other.Source);
        Compare("tasks", string.Join(',', Tasks), string.Join(',', other.Tasks));
        Compare("seeds", Seeds, other.Seeds);
        Compare("observation budget", DatasetExport.Number(ObservationTokens), DatasetExport.Number(other.ObservationTokens));
        Compare("fitter", Fitter, other.Fitter);
        Compare("token counter", TokenCounter, other.TokenCounter);
        Compare("held-out task", HeldOutTask, other.HeldOutTask);
        Compare("held-out site", HeldOutSite, other.HeldOutSite);
        return differences;
    }
}

/// <summary>One instance done.</summary>
/// <param name="Instance">The instance id.</param>
/// <param name="Task">The template id.</param>
/// <param name="Site">The site.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Built">Whether records were written (the expert solution ran and the server check passed).</param>
/// <param name="Steps">How many records.</param>
/// <param name="Reason">Why it failed, when it did.</param>
/// <param name="File">The records file, relative to the folder, when built.</param>
/// <param name="Sha256">The records file's SHA-256 (lower-case hex), when built.</param>
/// <param name="Workflow">For a run exported from a cluster, the workflow id (written only then).</param>
public sealed record DatasetInstanceEntry(
    string Instance, string Task, string Site, int Seed, bool Built, int Steps, string? Reason, string? File, string? Sha256,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Workflow = null);
