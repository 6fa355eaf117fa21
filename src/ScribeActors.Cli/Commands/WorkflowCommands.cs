using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using ScribeActors.Abstractions;
using ScribeActors.Agent.Recording;
using ScribeActors.Cli.Infrastructure;
using ScribeActors.Client;

namespace ScribeActors.Cli.Commands;

/// <summary>start, watch, status, list, pause, resume, cancel.</summary>
internal static class WorkflowCommands
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static IEnumerable<Command> Create()
    {
        yield return Start();
        yield return Watch();
        yield return Status();
        yield return List();
        yield return Control("pause", "Pause a running workflow after its current step.", (c, id) => c.PauseAsync(id));
        yield return Control("resume", "Resume a paused workflow.", (c, id) => c.ResumeAsync(id));
        yield return Control("cancel", "Cancel a workflow and close its browser session.", (c, id) => c.CancelAsync(id));
    }

    private static Command Start()
    {
        var objective = new Option<string?>("--objective") { Description = "What the workflow should achieve (default: the replay file's objective)." };
        var url = new Option<string?>("--url") { Description = "Absolute http(s) start URL (default: the replay file's start URL)." };
        var replay = new Option<FileInfo?>("--replay") { Description = "Recorded workflow (JSON) to replay; with --model or --model-path the model heals steps whose target is gone." };
        var model = new Option<string?>("--model") { Description = "Model id (configured under Scribe:Models on the silos) that decides every step, or the replay's fallback." };
        var modelPath = new Option<FileInfo?>("--model-path") { Description = "GGUF file (a path the inference silo can read) to use as the model." };
        var temperature = new Option<float>("--temperature") { Description = "Sampling temperature of the model (0: greedy).", DefaultValueFactory = _ => 0f };
        var fitter = new Option<string>("--fitter") { Description = "How the page is cut to the model's context: interactive or tail.", DefaultValueFactory = _ => "interactive" };
        var maxSteps = new Option<int>("--max-steps") { Description = "Step limit.", DefaultValueFactory = _ => WorkflowSpec.DefaultMaxSteps };
        var maxDuration = new Option<string?>("--max-duration") { Description = "Time budget: the workflow fails once this long has passed since it started (90s, 10m, 1h30m, 2d or hh:mm:ss; at most 7 days). Default: none." };
        var allow = new Option<string[]>("--allow-host") { Description = "Host (or host:port) navigations may reach; repeatable. Default: the start URL's host.", AllowMultipleArgumentsPerToken = true };
        var id = new Option<string?>("--id") { Description = "Workflow id (default: generated)." };
        var success = new SuccessOptions();
        var connection = new ConnectionOptions();
        var command = new Command("start", "Start a workflow (replay, model, or replay healed by a model) and print its id.")
        {
            objective, url, replay, model, modelPath, temperature, fitter, maxSteps, maxDuration, allow, id,
        };
        success.AddTo(command);
        connection.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            if (!StartInputs.TryResolve(result.GetValue(objective), result.GetValue(url), result.GetValue(replay), result.GetValue(model), result.GetValue(modelPath),
                    new ModelStepOptions { Temperature = result.GetValue(temperature), Fitter = result.GetValue(fitter)! }, out var inputs, out var problem))
            {
                return Fail(problem);
            }

            if (!DurationText.TryParse(result.GetValue(maxDuration), "--max-duration", out var budget, out var badDuration))
            {
                return Fail(badDuration);
            }

            var spec = new WorkflowSpec
            {
                Objective = inputs.Objective,
                StartUrl = inputs.StartUrl,
                MaxSteps = result.GetValue(maxSteps),
                MaxDuration = budget,
                AllowedHosts = result.GetValue(allow) ?? [],
                StepSource = inputs.Source,
                Success = success.Read(result),
            };
            var errors = Agent.Success.SuccessRule.ValidateSpec(spec);
            if (errors.Count > 0)
            {
                return Fail(string.Join(Environment.NewLine, errors));
            }

            await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(result), cancellationToken);
            var snapshot = await cluster.Client.StartAsync(spec, result.GetValue(id), cancellationToken);
            Console.WriteLine(snapshot.Id);
            return 0;
        });
        return Guarded(command);
    }

    private static Command Watch()
    {
        var id = new Argument<string>("id") { Description = "Workflow id." };
        var connection = new ConnectionOptions();
        var command = new Command("watch", "Show a workflow's steps live until it finishes.") { id };
        connection.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(result), cancellationToken);
            WorkflowSnapshot? last = null;
            await foreach (var e in cluster.Client.WatchAsync(result.GetValue(id)!, cancellationToken))
            {
                Console.WriteLine(EventPrinter.Format(e));
                last = e.Snapshot;
            }

            return last?.Status == WorkflowStatus.Succeeded ? 0 : 1;
        });
        return Guarded(command);
    }

    private static Command Status()
    {
        var id = new Argument<string>("id") { Description = "Workflow id." };
        var json = new Option<bool>("--json") { Description = "Print the full snapshot as JSON." };
        var connection = new ConnectionOptions();
        var command = new Command("status", "Show a workflow's status and steps.") { id, json };
        connection.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(result), cancellationToken);
            var snapshot = await cluster.Client.GetAsync(result.GetValue(id)!, cancellationToken);
            if (result.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(snapshot, Json));
            }
            else
            {
                EventPrinter.PrintSnapshot(Console.Out, snapshot);
            }

            return 0;
        });
        return Guarded(command);
    }

    private static Command List()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var status = new Option<WorkflowStatus?>("--status") { Description = "Only workflows with this status." };
        var connection = new ConnectionOptions();
        var command = new Command("list", "List workflows, newest first.") { json, status };
        connection.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(result), cancellationToken);
            var list = await cluster.Client.ListAsync(result.GetValue(status));
            if (result.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(list, Json));
                return 0;
            }

            foreach (var w in list)
            {
                Console.WriteLine($"{w.Id,-40} {EventPrinter.StatusOf(w.Status, w.Verification),-21} {w.StepCount,4} steps  {w.CreatedAt:u}  {w.Objective}");
            }

            return 0;
        });
        return Guarded(command);
    }

    private static Command Control(string name, string description, Func<ScribeClient, string, Task<WorkflowSnapshot>> act)
    {
        var id = new Argument<string>("id") { Description = "Workflow id." };
        var connection = new ConnectionOptions();
        var command = new Command(name, description) { id };
        connection.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(result), cancellationToken);
            var workflowId = result.GetValue(id)!;
            // The grain treats these calls on a finished workflow as no-ops; a person asking for one should hear that
            // nothing happened (and a script should see it in the exit code).
            var before = await cluster.Client.GetAsync(workflowId, cancellationToken);
            if (before.IsTerminal)
            {
                return Fail(Finished(name, before));
            }

            var snapshot = await act(cluster.Client, workflowId);
            if (snapshot.IsTerminal && !(name == "cancel" && snapshot.Status == WorkflowStatus.Cancelled))
            {
                return Fail(Finished(name, snapshot));
            }

            Console.WriteLine($"{snapshot.Id} {snapshot.Status}");
            return 0;
        });
        return Guarded(command);
    }

    /// <summary>Why <paramref name="command"/> cannot act on a workflow that already finished.</summary>
    internal static string Finished(string command, WorkflowSnapshot snapshot) =>
        $"Workflow '{snapshot.Id}' already finished: {EventPrinter.StatusOf(snapshot.Status, snapshot.Verification)}" +
        (string.IsNullOrWhiteSpace(snapshot.FailureReason) ? "" : $" ({snapshot.FailureReason})") +
        $". There is nothing to {command}; start it again with `scribe start`.";

    /// <summary>Exit code when the cluster refused the API key (or its absence).</summary>
    internal const int Unauthorized = 3;

    /// <summary>Exit code when the cluster could not answer for the moment (a silo failing over): worth a retry.</summary>
    internal const int Unavailable = 4;

    internal static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 2;
    }

    /// <summary>Turns the expected failures (bad input, unknown ids, no cluster) into one clear line and exit code 2; a
    /// refused API key into an "unauthorized: …" line and exit code 3; a cluster failing over into exit code 4.</summary>
    internal static Command Guarded(Command command)
    {
        var action = command.Action;
        if (action is System.CommandLine.Invocation.AsynchronousCommandLineAction asyncAction)
        {
            command.SetAction(async (result, cancellationToken) =>
            {
                try
                {
                    return await asyncAction.InvokeAsync(result, cancellationToken);
                }
                catch (Exception e) when (e is WorkflowNotFoundException or InvalidWorkflowSpecException or WorkflowConflictException
                    or ScheduleNotFoundException or InvalidScheduleException or RecordedWorkflowFormatException or InvalidOperationException
                    or FileNotFoundException or Silo.StorageUnavailableException or Silo.Security.ApiKeyConfigurationException)
                {
                    return Fail(e.Message);
                }
                catch (ScribeUnauthorizedException e)
                {
                    Console.Error.WriteLine(e.Message);
                    return Unauthorized;
                }
                catch (Exception e) when (Silo.Api.FailoverExceptions.IsTransient(e))
                {
                    Console.Error.WriteLine($"error: the cluster cannot answer right now ({e.GetType().Name}: {e.Message.Split('\n', 2)[0].Trim()}). " +
                        $"A silo may be failing over; nothing is lost: retry in {Silo.Api.FailoverExceptions.RetryAfterSeconds} s.");
                    return Unavailable;
                }
            });
        }

        return command;
    }
}
