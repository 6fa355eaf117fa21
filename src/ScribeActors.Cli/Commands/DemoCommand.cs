using System.CommandLine;
using System.Diagnostics;
using ScribeActors.Abstractions;
using ScribeActors.Browser.Recording;
using ScribeActors.Cli.Evaluation;
using ScribeActors.Cli.Infrastructure;
using ScribeActors.DemoSites.Tasks;

namespace ScribeActors.Cli.Commands;

/// <summary>
/// scribe demo: Azurite (started if none runs), one all-role silo in-process, the demo sites, then a multi-step demo
/// workflow, shown live: decided step by step by a model (greedy, page grammar) through the inference grain, with no
/// recording — the bundled model on a held-out instance by default, or the one <c>--model</c> names — or, with
/// <c>--replay</c>, recorded from the task's expert solution and replayed through the durable runtime. Exits 0 only when
/// the workflow succeeded and the site's server state confirms it.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The bundled model, copied beside the CLI from models/scribe-small.</summary>
    public static string BundledModel => Path.Combine(AppContext.BaseDirectory, "models", "scribe-small-q8_0.gguf");

    /// <summary>What a model run does without <c>--task</c>/<c>--seed</c>: a template the bundled model was trained on, on
    /// a seed no dataset build of the project's training used (seeds from 200 up are held out).</summary>
    public const string ModelTask = "expenses.reject-report";

    public const int ModelSeed = 300;

    /// <summary>What <c>--replay</c> does without <c>--task</c>/<c>--seed</c>: the longest demo task.</summary>
    public const string ReplayTask = "supplier.dispute-invoice";

    public const int ReplaySeed = 7;

    public static Command Create()
    {
        var taskId = new Option<string?>("--task") { Description = $"Demo task id (see `scribe tasks`). [default: {ModelTask} with a model, {ReplayTask} with --replay]" };
        var seed = new Option<int?>("--seed") { Description = $"Layout and data seed. [default: {ModelSeed} with a model (held out of training), {ReplaySeed} with --replay]" };
        var sitesPort = new Option<int>("--sites-port") { Description = "Port of the demo sites.", DefaultValueFactory = _ => 5100 };
        var webPort = new Option<int>("--web-port") { Description = "Port of the silo's dashboard and REST API.", DefaultValueFactory = _ => 5080 };
        var siloPort = new Option<int>("--silo-port") { Description = "Silo-to-silo port of the demo silo.", DefaultValueFactory = _ => 11111 };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Client gateway port of the demo silo (where `scribe status` connects).", DefaultValueFactory = _ => 30000 };
        var keep = new Option<bool>("--keep-running") { Description = "Keep the silo, dashboard and sites running after the workflow (Ctrl+C stops)." };
        var model = new Option<FileInfo?>("--model") { Description = "A GGUF model (e.g. one `scribe train` wrote) that decides every step. [default: the bundled model, models/scribe-small]" };
        var replay = new Option<bool>("--replay") { Description = "Record the task's expert solution and replay it through the durable runtime instead of running a model." };
        var maxSteps = new Option<int>("--max-steps") { Description = "Step budget of a model run.", DefaultValueFactory = _ => 20 };
        var command = new Command("demo", "Run the embedded demo end to end: the bundled model does a held-out task (or --replay replays a recording).") { taskId, seed, sitesPort, webPort, siloPort, gatewayPort, keep, model, replay, maxSteps };
        command.SetAction((result, cancellationToken) =>
        {
            var replaying = result.GetValue(replay);
            if (replaying && result.GetValue(model) is not null)
            {
                throw new InvalidOperationException("--replay and --model exclude each other: a replay is decided by its recording, not by a model.");
            }

            return RunAsync(
                result.GetValue(taskId) ?? (replaying ? ReplayTask : ModelTask), result.GetValue(seed) ?? (replaying ? ReplaySeed : ModelSeed),
                new EmbeddedRuntime.Ports(result.GetValue(sitesPort), result.GetValue(webPort), result.GetValue(siloPort), result.GetValue(gatewayPort)),
                replaying ? null : result.GetValue(model)?.FullName ?? BundledModel, result.GetValue(maxSteps), result.GetValue(keep), cancellationToken);
        });
        return WorkflowCommands.Guarded(command);
    }

    // model: the model that decides each step; null replays a recording of the expert solution.
    private static async Task<int> RunAsync(string taskId, int seed, EmbeddedRuntime.Ports ports, string? model, int maxSteps, bool keepRunning, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        if (!DemoTaskCatalog.Ids.Contains(taskId))
        {
            throw new InvalidOperationException($"Unknown task '{taskId}': see `scribe tasks`.");
        }

        if (seed < 0)
        {
            throw new InvalidOperationException($"--seed must be 0 or more; got {seed}.");
        }

        if (model is not null && !File.Exists(model))
        {
            throw new InvalidOperationException(model == BundledModel
                ? $"The bundled model {model} is missing: build the CLI from a checkout that holds models/scribe-small, or pass --model or --replay."
                : $"--model: {model} does not exist.");
        }

        // A cluster of its own per gateway port: two demos on one Azurite (on other ports) must not join each other, or a
        // grain of one lands on the other's silo, whose secrets are limited to the other's sites.
        var clusterId = ports.Gateway == 0 ? $"scribe-demo-{Guid.NewGuid():N}" : $"scribe-demo-{ports.Gateway}";
        await using var runtime = await EmbeddedRuntime.StartAsync(ports, seed, clusterId, null, Console.Out, cancellationToken);
        var task = DemoTaskCatalog.Get(runtime.Sites.BaseUrl, seed, taskId);
        Console.WriteLine($"Demo sites   {runtime.Sites.BaseUrl}");
        Console.WriteLine($"Dashboard    http://127.0.0.1:{runtime.WebPort}/dashboard/");
        Console.WriteLine($"Cluster      {clusterId} (scribe list --cluster-id {clusterId})");
        Console.WriteLine($"Task         {task.Id}: {task.Objective}");

        runtime.Sites.Reset(seed);
        StepSourceSpec source;
        if (model is null)
        {
            var recording = await runtime.Browsers.RecordAsync(task.Objective, task.StartUrl, task.Script, [runtime.SitesHost], $"demo:{task.Id} seed={seed}", cancellationToken: cancellationToken);
            runtime.Sites.Reset(seed); // undo the recording's effects: the replay must do the work
            Console.WriteLine($"Recorded     {recording.Steps.Length} steps of the expert solution; replaying them through the durable runtime:");
            (source, maxSteps) = (StepSourceSpec.ForReplay(recording), recording.Steps.Length + 10);
        }
        else
        {
            Console.WriteLine($"Model        {model} decides each step (greedy, page grammar), up to {maxSteps} steps:");
            source = StepSourceSpec.ForModel(ModelRef.ForFile(model, OfflineEvaluation.Decoding));
        }

        var started = await runtime.Client.StartAsync(new WorkflowSpec
        {
            Objective = task.Objective,
            StartUrl = task.StartUrl,
            AllowedHosts = [runtime.SitesHost],
            MaxSteps = maxSteps,
            StepSource = source,
        }, cancellationToken: cancellationToken);

        WorkflowSnapshot final = started;
        await foreach (var e in runtime.Client.WatchAsync(started.Id, cancellationToken))
        {
            Console.WriteLine(EventPrinter.Format(e));
            final = e.Snapshot;
        }

        var check = task.Check(runtime.Sites.GetState());
        Console.WriteLine($"Workflow     {final.Status} after {final.Steps.Length} steps{(final.FailureReason is { } r ? $": {r}" : "")}");
        Console.WriteLine($"Server check {(check.Succeeded ? "PASSED" : "FAILED")}: {check.Reason}");
        Console.WriteLine($"Total        {total.Elapsed.TotalSeconds:F1} s");
        if (keepRunning)
        {
            Console.WriteLine("Still running (dashboard, sites); Ctrl+C stops.");
            await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        return final.Status == WorkflowStatus.Succeeded && check.Succeeded ? 0 : 1;
    }
}
