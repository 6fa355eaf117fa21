using System.CommandLine;
using ScribeActors.Abstractions;
using ScribeActors.Agent.Datasets;
using ScribeActors.Cli.Evaluation;
using ScribeActors.Cli.Infrastructure;
using ScribeActors.DemoSites.Tasks;

namespace ScribeActors.Cli.Commands;

/// <summary>
/// scribe eval: held-out task instances run by a model through the whole runtime in this process (Azurite, the demo
/// sites, one silo with its browser and inference grains), each judged by the site's server check; baselines run the
/// same instances in the same run, so the gain from training is measured. Writes eval.json, eval.md and eval.svg.
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var model = new Option<FileInfo>("--model") { Description = "The GGUF model to evaluate.", Required = true };
        var baselines = new Option<string[]>("--baseline") { Description = "Another model run on the same instances, as LABEL=PATH (repeatable): the untrained and the untuned model.", AllowMultipleArgumentsPerToken = false };
        var tasks = new Option<string>("--tasks") { Description = "Comma-separated task ids (see `scribe tasks`); default every task." };
        var seeds = new Option<string>("--seeds") { Description = "Held-out seeds: a range and/or list such as 200-219 or 3,5,8.", DefaultValueFactory = _ => "200-204" };
        var expert = new Option<bool>("--expert") { Description = "Also replay each instance's expert solution, recorded on it: the harness's ceiling, in the same report as 'expert'." };
        var maxSteps = new Option<int>("--max-steps") { Description = "Step budget of each workflow.", DefaultValueFactory = _ => 20 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Where the report goes.", DefaultValueFactory = _ => new DirectoryInfo("eval") };
        var sitesPort = new Option<int>("--sites-port") { Description = "Port of the demo sites (0: a free one).", DefaultValueFactory = _ => 0 };
        var webPort = new Option<int>("--web-port") { Description = "Port of the silo's dashboard (0: a free one).", DefaultValueFactory = _ => 0 };
        var command = new Command("eval", "Evaluate a model on held-out demo task instances through the runtime (online, judged by the sites' server checks).")
        {
            model, baselines, expert, tasks, seeds, maxSteps, output, sitesPort, webPort,
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

            var taskIds = result.GetValue(tasks) is { } list ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [.. DemoTaskCatalog.Ids];
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

            return await RunAsync(models, result.GetValue(expert), taskIds, seedList, result.GetValue(maxSteps), result.GetValue(output)!.FullName, result.GetValue(sitesPort), result.GetValue(webPort), cancellationToken);
        });
        return WorkflowCommands.Guarded(command);
    }

    private const string ExpertLabel = "expert";

    private static async Task<int> RunAsync(List<(string Label, string Path)> models, bool expert, IReadOnlyList<string> taskIds, IReadOnlyList<int> seeds, int maxSteps, string output, int sitesPort, int webPort, CancellationToken cancellationToken)
    {
        await using var runtime = await EmbeddedRuntime.StartAsync(new EmbeddedRuntime.Ports(sitesPort, webPort), seeds[0], $"scribe-eval-{Guid.NewGuid():N}", null, Console.Out, cancellationToken);
        var evaluation = new OnlineEvaluation(runtime, TimeProvider.System);
        var results = new List<OnlineInstanceResult>();
        var labels = models.Select(m => m.Label).Concat(expert ? [ExpertLabel] : []).ToList();
        var total = labels.Count * taskIds.Count * seeds.Count;
        foreach (var label in labels)
        {
            // Greedy decoding: the same model on the same instance takes the same steps.
            var modelRef = label == ExpertLabel ? null : ModelRef.ForFile(models.First(m => m.Label == label).Path, new ModelStepOptions { Temperature = 0 });
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

        var report = new EvaluationReport(labels, results);
        var files = report.WriteTo(output);
        Console.WriteLine();
        Console.Write(report.Markdown().Split("\n## ", 2)[0]);
        Console.WriteLine($"Report: {string.Join(", ", files)}");
        return 0;
    }

    private static string Existing(string path, string option) =>
        File.Exists(path) ? path : throw new InvalidOperationException($"{option}: no model file at {path}.");
}
