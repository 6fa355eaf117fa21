using System.CommandLine;
using ScribeActors.Abstractions;
using ScribeActors.Agent.Datasets;
using ScribeActors.Agent.Evaluation;
using ScribeActors.Agent.Planning;
using ScribeActors.Cli.Evaluation;
using ScribeActors.Cli.Infrastructure;
using ScribeActors.DemoSites.Tasks;
using ScribeActors.Grains.Inference;
using ScribeActors.Inference;

namespace ScribeActors.Cli.Commands;

/// <summary>
/// scribe eval: offline, the project's step metrics over a dataset's held-out records (decoded as in production);
/// online, held-out task instances run by the model through the whole runtime in this process (Azurite, the demo sites,
/// one silo with its browser and inference grains), each judged by the site's server check. Baselines run the same
/// records and instances in the same run, so the gain from training is measured. Writes eval.json, eval.md and eval.svg.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var model = new Option<FileInfo>("--model") { Description = "The GGUF model to evaluate.", Required = true };
        var baselines = new Option<string[]>("--baseline") { Description = "Another model run on the same instances, as LABEL=PATH (repeatable): the untrained and the untuned model.", AllowMultipleArgumentsPerToken = false };
        var tasks = new Option<string>("--tasks") { Description = "Comma-separated task ids (see `scribe tasks`), or 'all' (the default)." };
        var seeds = new Option<string>("--seeds") { Description = "Held-out seeds: a range and/or list such as 200-219 or 3,5,8.", DefaultValueFactory = _ => "200-204" };
        var expert = new Option<bool>("--expert") { Description = "Also replay each instance's expert solution, recorded on it: the harness's ceiling, in the same report as 'expert'." };
        var maxSteps = new Option<int>("--max-steps") { Description = "Step budget of each workflow.", DefaultValueFactory = _ => 20 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Where the report goes.", DefaultValueFactory = _ => new DirectoryInfo("eval") };
        var data = new Option<DirectoryInfo?>("--data") { Description = "A dataset folder (`scribe dataset build`): score the model's steps on its held-out records (offline)." };
        var split = new Option<string>("--split") { Description = "The dataset split scored offline.", DefaultValueFactory = _ => "test" };
        var scheme = new Option<string>("--scheme") { Description = "The split scheme: instance, template or site.", DefaultValueFactory = _ => "instance" };
        var limit = new Option<int?>("--limit") { Description = "Score at most this many records offline (the first of the split)." };
        var online = new Option<bool?>("--online") { Description = "Run task instances through the runtime (default: yes; --online false with --data scores offline only)." };
        var sitesPort = new Option<int>("--sites-port") { Description = "Port of the demo sites (0: a free one).", DefaultValueFactory = _ => 0 };
        var freeTyping = new Option<bool>("--free-typing") { Description = "Let the models type any text (ModelStepOptions.TypedTextFromObjective off; default: copied from the objective, as in production)." };
        var descriptions = new Option<string>("--descriptions") { Description = "The Description form the grammar holds the models to: recorded (verb first, the project's models) or free (the reference's).", DefaultValueFactory = _ => "recorded" };
        var webPort = new Option<int>("--web-port") { Description = "Port of the silo's dashboard (0: a free one).", DefaultValueFactory = _ => 0 };
        var command = new Command("eval", "Evaluate a model on held-out demo task instances through the runtime (online, judged by the sites' server checks).")
        {
            model, baselines, expert, data, split, scheme, limit, online, tasks, seeds, maxSteps, output, sitesPort, webPort, freeTyping, descriptions,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var models = new List<(string Label, string Path)> { ("model", Existing(result.GetValue(model)!.FullName, "--model")) };
            foreach (var spec in result.GetValue(baselines) ?? [])
            {
                var (label, path) = spec.Split('=', 2) is [var l, var p] && l.Length > 0 && p.Length > 0
                    ? (l.Trim(), p.Trim())
                    : throw new InvalidOperationException($"--baseline '{spec}' must be LABEL=PATH, for example untrained=random.gguf.");
                models.Add((label, Existing(Path.GetFullPath(path), $"--baseline {label}")));
            }

            if (models.Select(m => m.Label).Append(ExpertLabel).Distinct(StringComparer.Ordinal).Count() != models.Count + 1)
            {
                throw new InvalidOperationException($"Every model needs its own label; 'model' (the evaluated one) and '{ExpertLabel}' are taken.");
            }

            var taskIds = result.GetValue(tasks) is { } list && !list.Trim().Equals("all", StringComparison.OrdinalIgnoreCase)
                ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                : [.. DemoTaskCatalog.Ids];
            if (taskIds.FirstOrDefault(t => !DemoTaskCatalog.Ids.Contains(t)) is { } unknown)
            {
                throw new InvalidOperationException($"Unknown task '{unknown}'; the tasks are: {string.Join(", ", DemoTaskCatalog.Ids)}.");
            }

            IReadOnlyList<int> seedList;
            try
            {
                seedList = SeedList.Parse(result.GetValue(seeds)!);
            }
            catch (FormatException e)
            {
                throw new InvalidOperationException(e.Message, e);
            }

            if (result.GetValue(maxSteps) < 1)
            {
                throw new InvalidOperationException("--max-steps must be at least 1.");
            }

            IReadOnlyList<DatasetRecord> records = [];
            if (result.GetValue(data) is { } folder)
            {
                // Read (and check) the held-out records before anything starts: a bad folder or split fails fast.
                try
                {
                    records = DatasetReader.Open(folder.FullName).Records(result.GetValue(scheme)!, result.GetValue(split)!);
                }
                catch (DatasetFolderException e)
                {
                    throw new InvalidOperationException($"--data: {e.Message}", e);
                }
                records = result.GetValue(limit) is { } most ? [.. records.Take(Math.Max(0, most))] : records;
            }

            var runOnline = result.GetValue(online) ?? true;
            if (!runOnline && records.Count == 0)
            {
                throw new InvalidOperationException("Nothing to evaluate: --online false needs --data with records in the split.");
            }

            var labels = models.Select(m => m.Label).Concat(result.GetValue(expert) && runOnline ? [ExpertLabel] : []).ToList();
            var decoding = OfflineEvaluation.Decoding with { TypedTextFromObjective = !result.GetValue(freeTyping), DescriptionForm = result.GetValue(descriptions)! };
            if (decoding.Validate() is [var problem, ..])
            {
                throw new InvalidOperationException($"--descriptions: {problem}");
            }

            var offline = await OfflineAsync(models, records, decoding, cancellationToken);
            var instances = runOnline
                ? await OnlineAsync(models, labels, taskIds, seedList, result.GetValue(maxSteps), result.GetValue(sitesPort), result.GetValue(webPort), decoding, cancellationToken)
                : [];
            var report = new EvaluationReport(labels, instances, offline.Metrics, offline.Steps);
            var files = report.WriteTo(result.GetValue(output)!.FullName);
            Console.WriteLine();
            Console.Write(report.Markdown().Split("\n### ", 2)[0]);
            Console.WriteLine($"Report: {string.Join(", ", files)}");
            return 0;
        });
        return WorkflowCommands.Guarded(command);
    }

    private const string ExpertLabel = "expert";

    /// <summary>Greedy decoding, online and offline alike: the same model on the same page writes the same step.</summary>
    private static async Task<(Dictionary<string, MetricsReport> Metrics, List<HeldOutStep> Steps)> OfflineAsync(
        List<(string Label, string Path)> models, IReadOnlyList<DatasetRecord> records, ModelStepOptions decoding, CancellationToken cancellationToken)
    {
        var metrics = new Dictionary<string, MetricsReport>(StringComparer.Ordinal);
        var steps = new List<HeldOutStep>();
        if (records.Count == 0)
        {
            return (metrics, steps);
        }

        foreach (var (label, path) in models)
        {
            var (report, scored) = await OfflineEvaluation.RunAsync(label, path, records, (n, step) =>
            {
                if (n % 25 == 0 || n == records.Count)
                {
                    Console.WriteLine($"[offline {label}] {n}/{records.Count} steps scored");
                }
            }, cancellationToken, decoding);
            metrics[label] = report;
            steps.AddRange(scored);
        }

        return (metrics, steps);
    }

    private static async Task<List<OnlineInstanceResult>> OnlineAsync(
        List<(string Label, string Path)> models, List<string> labels, IReadOnlyList<string> taskIds, IReadOnlyList<int> seeds, int maxSteps, int sitesPort, int webPort, ModelStepOptions decoding, CancellationToken cancellationToken)
    {
        await using var runtime = await EmbeddedRuntime.StartAsync(new EmbeddedRuntime.Ports(sitesPort, webPort), seeds[0], $"scribe-eval-{Guid.NewGuid():N}", null, Console.Out, cancellationToken);
        var evaluation = new OnlineEvaluation(runtime, TimeProvider.System);
        var results = new List<OnlineInstanceResult>();
        var total = labels.Count * taskIds.Count * seeds.Count;
        foreach (var label in labels)
        {
            var modelRef = label == ExpertLabel ? null : ModelRef.ForFile(models.First(m => m.Label == label).Path, decoding);
            foreach (var taskId in taskIds)
            {
                foreach (var seed in seeds)
                {
                    var r = modelRef is null
                        ? await evaluation.RunExpertAsync(label, taskId, seed, cancellationToken)
                        : await evaluation.RunModelAsync(label, modelRef, taskId, seed, maxSteps, cancellationToken);
                    results.Add(r);
                    Console.WriteLine($"[{results.Count}/{total}] {label,-12} {taskId,-30} seed {seed,-5} {(r.Succeeded ? "SUCCESS" : "failure"),-8} {r.Status} after {r.Steps} steps ({r.Seconds:F1} s)");
                }
            }
        }

        return results;
    }

    private static string Existing(string path, string option) =>
        File.Exists(path) ? path : throw new InvalidOperationException($"{option}: no model file at {path}.");
}
