using System.CommandLine;
using ScribeActors.Abstractions;
using ScribeActors.Agent.Recording;
using ScribeActors.Cli.Infrastructure;

namespace ScribeActors.Cli.Commands;

/// <summary>schedule add | list | remove.</summary>
internal static class ScheduleCommands
{
    public static Command Create()
    {
        var schedule = new Command("schedule", "Manage cron schedules that start workflows.");
        schedule.Subcommands.Add(Add());
        schedule.Subcommands.Add(List());
        schedule.Subcommands.Add(Remove());
        return schedule;
    }

    private static Command Add()
    {
        var id = new Argument<string>("id") { Description = "Schedule id." };
        var cron = new Option<string>("--cron") { Description = "Cron expression (5 fields, or 6 with seconds), e.g. \"0 7 * * MON-FRI\".", Required = true };
        var zone = new Option<string>("--time-zone") { Description = "IANA time zone the expression is read in.", DefaultValueFactory = _ => "UTC" };
        var objective = new Option<string?>("--objective") { Description = "Objective of each workflow (default: the replay file's objective)." };
        var url = new Option<string?>("--url") { Description = "Absolute http(s) start URL of each workflow (default: the replay file's start URL)." };
        var replay = new Option<FileInfo>("--replay") { Description = "Recorded workflow (JSON) to replay.", Required = true };
        var maxSteps = new Option<int>("--max-steps") { Description = "Step limit.", DefaultValueFactory = _ => WorkflowSpec.DefaultMaxSteps };
        var maxDuration = new Option<string?>("--max-duration") { Description = "Time budget of each workflow (90s, 10m, 1h30m, 2d or hh:mm:ss; at most 7 days). Default: none." };
        var success = new SuccessOptions();
        var connection = new ConnectionOptions();
        var command = new Command("add", "Create or replace a schedule.") { id, cron, zone, objective, url, replay, maxSteps, maxDuration };
        success.AddTo(command);
        connection.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            if (!DurationText.TryParse(result.GetValue(maxDuration), "--max-duration", out var budget, out var badDuration))
            {
                return WorkflowCommands.Fail(badDuration);
            }

            // As `scribe start`: what is not given comes from the replay file, and a relative URL is named as such.
            if (!StartInputs.TryResolve(result.GetValue(objective), result.GetValue(url), result.GetValue(replay), null, null, new ModelStepOptions(), out var inputs, out var problem))
            {
                return WorkflowCommands.Fail(problem);
            }

            var spec = new ScheduleSpec
            {
                Cron = result.GetValue(cron)!,
                TimeZone = result.GetValue(zone)!,
                Workflow = new WorkflowSpec
                {
                    Objective = inputs.Objective,
                    StartUrl = inputs.StartUrl,
                    MaxSteps = result.GetValue(maxSteps),
                    MaxDuration = budget,
                    StepSource = inputs.Source,
                    Success = success.Read(result),
                },
            };
            await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(result), cancellationToken);
            var snapshot = await cluster.Client.CreateScheduleAsync(result.GetValue(id)!, spec);
            Console.WriteLine($"{snapshot.Id} next {snapshot.NextOccurrence:u}");
            return 0;
        });
        return WorkflowCommands.Guarded(command);
    }

    private static Command List()
    {
        var connection = new ConnectionOptions();
        var command = new Command("list", "List schedules.");
        connection.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(result), cancellationToken);
            foreach (var s in await cluster.Client.ListSchedulesAsync())
            {
                Console.WriteLine($"{s.Id,-24} {s.Spec.Cron,-20} {s.Spec.TimeZone,-16} next {s.NextOccurrence:u}  runs {s.RunCount}  last {s.LastWorkflowId ?? "-"}");
            }

            return 0;
        });
        return WorkflowCommands.Guarded(command);
    }

    private static Command Remove()
    {
        var id = new Argument<string>("id") { Description = "Schedule id." };
        var connection = new ConnectionOptions();
        var command = new Command("remove", "Delete a schedule.") { id };
        connection.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var cluster = await ClusterConnection.ConnectAsync(connection.Read(result), cancellationToken);
            await cluster.Client.DeleteScheduleAsync(result.GetValue(id)!);
            Console.WriteLine($"{result.GetValue(id)} removed");
            return 0;
        });
        return WorkflowCommands.Guarded(command);
    }
}
