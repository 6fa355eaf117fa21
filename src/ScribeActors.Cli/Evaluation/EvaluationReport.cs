using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using ScribeActors.Agent.Evaluation;

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
/// What <c>scribe eval</c> found, for a person (a Markdown table and an SVG chart) and for tools (JSON): offline step
/// metrics per model over held-out records, online task success per model and task with every instance's failure
/// reason, the models compared in the same run.
/// </summary>
/// <param name="Models">The models, in the order they ran (the evaluated one first).</param>
/// <param name="Online">Every online instance.</param>
/// <param name="Offline">Offline metrics per model (empty when no dataset was given).</param>
/// <param name="OfflineSteps">Every offline step.</param>
internal sealed record EvaluationReport(
    IReadOnlyList<string> Models,
    IReadOnlyList<OnlineInstanceResult> Online,
    IReadOnlyDictionary<string, MetricsReport> Offline,
    IReadOnlyList<HeldOutStep> OfflineSteps)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private static readonly (string Name, Func<MetricsReport, double?> Of)[] Metrics =
    [
        ("element accuracy", m => m.ElementAccuracy), ("operation F1", m => m.OperationF1), ("step success", m => m.StepSuccessRate),
        ("exact match", m => m.ExactMatch), ("calibrated exact match", m => m.CalibratedExactMatch), ("task success (offline)", m => m.TaskSuccessRate),
    ];

    /// <summary>Online success per model and task, in the order models and tasks first appear.</summary>
    public IReadOnlyList<TaskSuccess> Summary =>
    [
        .. Online.GroupBy(i => (i.Model, i.TaskId))
            .Select(g => new TaskSuccess(g.Key.Model, g.Key.TaskId, g.Count(), g.Count(i => i.Succeeded), g.Average(i => i.Steps))),
    ];

    /// <summary>The median and 95th percentile of the time <paramref name="model"/> took to decide a step online
    /// (nearest rank), or null when it ran no step.</summary>
    public (double P50, double P95)? DecideLatency(string model)
    {
        var all = Online.Where(i => i.Model == model).SelectMany(i => i.DecideMs).Order().ToList();
        return all.Count == 0 ? null : (Percentile(all, 0.50), Percentile(all, 0.95));
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>Online success of <paramref name="model"/> over every instance it ran.</summary>
    public (int Succeeded, int Instances) Overall(string model) =>
        (Online.Count(i => i.Model == model && i.Succeeded), Online.Count(i => i.Model == model));

    /// <summary>Writes <c>eval.json</c>, <c>eval.md</c> and <c>eval.svg</c> into <paramref name="directory"/>; returns their paths.</summary>
    public IReadOnlyList<string> WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        var files = new[] { Path.Combine(directory, "eval.json"), Path.Combine(directory, "eval.md"), Path.Combine(directory, "eval.svg") };
        var json = new
        {
            models = Models.Select(m => new
            {
                model = m,
                succeeded = Online.Any(i => i.Model == m) ? Overall(m).Succeeded : (int?)null,
                instances = Online.Any(i => i.Model == m) ? Overall(m).Instances : (int?)null,
                offline = Offline.TryGetValue(m, out var r) ? Metrics.ToDictionary(x => x.Name, x => x.Of(r)) : null,
                offlineSteps = Offline.TryGetValue(m, out var c) ? c.Steps : (int?)null,
                decideMsP50 = DecideLatency(m)?.P50,
                decideMsP95 = DecideLatency(m)?.P95,
            }),
            tasks = Summary.Select(s => new { s.Model, s.TaskId, s.Instances, s.Succeeded, s.Rate, s.MeanSteps }),
            instances = Online,
            steps = OfflineSteps.Select(x => new { x.Model, x.RecordId, x.Gold, x.Predicted, success = x.Score.StepSuccess, element = x.Score.ElementCorrect, x.Problem }),
        };
        File.WriteAllText(files[0], JsonSerializer.Serialize(json, Json));
        File.WriteAllText(files[1], Markdown());
        File.WriteAllText(files[2], Chart());
        return files;
    }

    /// <summary>The tables a person reads: offline metrics and online success (one column per model), then the failures.</summary>
    public string Markdown()
    {
        var md = new StringBuilder("# Evaluation\n");
        if (Offline.Count > 0)
        {
            md.Append("\n## Offline: held-out steps\n\n").Append(Header("metric"));
            foreach (var (name, of) in Metrics)
            {
                md.Append("| ").Append(name).Append(" |");
                foreach (var model in Models)
                {
                    md.Append(Offline.TryGetValue(model, out var r) && of(r) is { } v ? string.Create(CultureInfo.InvariantCulture, $" {v:P1} |") : " – |");
                }

                md.Append('\n');
            }

            md.Append("| steps |").Append(string.Concat(Models.Select(m => Offline.TryGetValue(m, out var r) ? $" {r.Steps} |" : " – |"))).Append('\n');
        }

        if (Online.Count > 0)
        {
            md.Append("\n## Online: held-out task instances through the runtime (server check)\n\n").Append(Header("task"));
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

            md.Append("| **all** |").Append(string.Concat(Models.Select(m => Online.Any(i => i.Model == m) ? $" **{Overall(m).Succeeded}/{Overall(m).Instances}** |" : " – |"))).Append('\n');
            md.Append("| step decided in (p50 / p95) |").Append(string.Concat(Models.Select(m => DecideLatency(m) is { } l ? string.Create(CultureInfo.InvariantCulture, $" {l.P50:0} / {l.P95:0} ms |") : " – |"))).Append('\n');
            md.Append("\n### Instances that did not succeed\n\n");
            foreach (var i in Online.Where(i => !i.Succeeded))
            {
                md.Append(CultureInfo.InvariantCulture, $"- {i.Model} · {i.TaskId} seed {i.Seed}: {i.Status} after {i.Steps} steps; {i.Failure ?? "no failure reported"}; check: {i.Check}\n");
                if (i.Trace.Count > 0)
                {
                    md.Append("  <details><summary>steps</summary>\n\n");
                    foreach (var line in i.Trace)
                    {
                        md.Append("  ").Append(line.Replace("|", "\\|", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)).Append("  \n");
                    }

                    md.Append("  </details>\n");
                }
            }
        }

        return md.ToString();
    }

    private string Header(string first) =>
        $"| {first} |{string.Concat(Models.Select(m => $" {m} |"))}\n|---|{string.Concat(Models.Select(_ => "---|"))}\n";

    private string Chart()
    {
        var groups = new List<string>();
        if (Offline.Count > 0)
        {
            groups.AddRange(Metrics.Take(3).Select(m => m.Name));
        }

        groups.AddRange(Summary.Select(s => s.TaskId).Distinct());
        return BarChart.Render("Held-out evaluation: offline step metrics, then online task success by task", Models, groups, (model, group) =>
            Metrics.FirstOrDefault(m => m.Name == group) is { Name: not null } metric
                ? Offline.TryGetValue(model, out var r) ? metric.Of(r) : null
                : Summary.FirstOrDefault(s => s.Model == model && s.TaskId == group)?.Rate);
    }
}
