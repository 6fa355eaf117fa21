using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScribeActors.Cli.Evaluation;

/// <summary>Task success of one model on one task template.</summary>
/// <param name="Model">The model's label.</param>
/// <param name="TaskId">The task template.</param>
/// <param name="Instances">Instances run.</param>
/// <param name="Succeeded">Instances the server check confirmed.</param>
/// <param name="MeanSteps">Mean steps per instance.</param>
internal sealed record TaskSuccess(string Model, string TaskId, int Instances, int Succeeded, double MeanSteps)
{
    /// <summary>Succeeded / instances, in [0, 1].</summary>
    public double Rate => Instances == 0 ? 0 : (double)Succeeded / Instances;
}

/// <summary>
/// What <c>scribe eval</c> found, for a person (a Markdown table and an SVG chart) and for tools (JSON): task success
/// per model and task, every instance with its failure reason, and the models compared in the same run.
/// </summary>
internal sealed record EvaluationReport(IReadOnlyList<string> Models, IReadOnlyList<OnlineInstanceResult> Instances)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Success per model and task, in the order models and tasks first appear.</summary>
    public IReadOnlyList<TaskSuccess> Summary =>
    [
        .. Instances.GroupBy(i => (i.Model, i.TaskId))
            .Select(g => new TaskSuccess(g.Key.Model, g.Key.TaskId, g.Count(), g.Count(i => i.Succeeded), g.Average(i => i.Steps))),
    ];

    /// <summary>Overall success of <paramref name="model"/> over every instance it ran.</summary>
    public (int Succeeded, int Instances) Overall(string model) =>
        (Instances.Count(i => i.Model == model && i.Succeeded), Instances.Count(i => i.Model == model));

    /// <summary>Writes <c>eval.json</c>, <c>eval.md</c> and <c>eval.svg</c> into <paramref name="directory"/>; returns their paths.</summary>
    public IReadOnlyList<string> WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        var files = new[] { Path.Combine(directory, "eval.json"), Path.Combine(directory, "eval.md"), Path.Combine(directory, "eval.svg") };
        var json = new { models = Models.Select(m => new { model = m, succeeded = Overall(m).Succeeded, instances = Overall(m).Instances }), tasks = Summary.Select(s => new { s.Model, s.TaskId, s.Instances, s.Succeeded, s.Rate, s.MeanSteps }), instances = Instances };
        File.WriteAllText(files[0], JsonSerializer.Serialize(json, Json));
        File.WriteAllText(files[1], Markdown());
        File.WriteAllText(files[2], SuccessChart.Render("Task success by model (server check), held-out instances", Models, Summary));
        return files;
    }

    /// <summary>The table a person reads: one row per task, one column per model, then the failures.</summary>
    public string Markdown()
    {
        var md = new StringBuilder("# Online evaluation\n\n| task |");
        foreach (var model in Models)
        {
            md.Append(' ').Append(model).Append(" |");
        }

        md.Append("\n|---|").Append(string.Concat(Models.Select(_ => "---|"))).Append('\n');
        foreach (var task in Summary.Select(s => s.TaskId).Distinct())
        {
            md.Append("| ").Append(task).Append(" |");
            foreach (var model in Models)
            {
                var s = Summary.FirstOrDefault(x => x.Model == model && x.TaskId == task);
                md.Append(s is null ? " – |" : string.Create(CultureInfo.InvariantCulture, $" {s.Succeeded}/{s.Instances} ({s.Rate:P0}), {s.MeanSteps:0.#} steps |"));
            }

            md.Append('\n');
        }

        md.Append("| **all** |");
        foreach (var model in Models)
        {
            var (won, of) = Overall(model);
            md.Append(string.Create(CultureInfo.InvariantCulture, $" **{won}/{of}** |"));
        }

        md.Append("\n\n## Instances that did not succeed\n\n");
        foreach (var i in Instances.Where(i => !i.Succeeded))
        {
            md.Append(CultureInfo.InvariantCulture, $"- {i.Model} · {i.TaskId} seed {i.Seed}: {i.Status} after {i.Steps} steps; {i.Failure ?? "no failure reported"}; check: {i.Check}\n");
        }

        return md.ToString();
    }
}
