using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ScribeActors.Agent.Recording;
using ScribeActors.Browser;
using ScribeActors.DemoSites;
using ScribeActors.DemoSites.Tasks;
using ScribeActors.Grains.Recording;

namespace ScribeActors.Cli.Commands;

/// <summary>tasks and record: the demo task catalogue and recording expert solutions as replay files.</summary>
internal static class RecordCommands
{
    public static Command Tasks()
    {
        var sites = new Option<string>("--sites-url") { Description = "Base URL of the demo sites.", DefaultValueFactory = _ => "http://127.0.0.1:5100/" };
        var seed = new Option<int>("--seed") { Description = "Task parameter seed.", DefaultValueFactory = _ => 1 };
        var command = new Command("tasks", "List the demo sites' task catalogue.") { sites, seed };
        command.SetAction(result =>
        {
            foreach (var task in DemoTaskCatalog.Create(new Uri(result.GetValue(sites)!), result.GetValue(seed)))
            {
                Console.WriteLine($"{task.Id,-32} {task.Script.Count,3} steps  {task.Objective}");
            }

            return 0;
        });
        return command;
    }

    public static Command Record()
    {
        var taskId = new Option<string>("--task") { Description = "Demo task id (see `scribe tasks`).", Required = true };
        var sites = new Option<string>("--sites-url") { Description = "Base URL of running demo sites (`scribe sites`).", DefaultValueFactory = _ => "http://127.0.0.1:5100/" };
        var seed = new Option<int>("--seed") { Description = "Seed the sites run with.", DefaultValueFactory = _ => 1 };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the recorded workflow JSON.", Required = true };
        var command = new Command("record", "Run a demo task's expert solution in a local browser and save it as a replay file. The sites are reset before and after.") { taskId, sites, seed, output };
        command.SetAction(async (result, cancellationToken) =>
        {
            var baseUrl = new Uri(result.GetValue(sites)!);
            var task = DemoTaskCatalog.Create(baseUrl, result.GetValue(seed)).FirstOrDefault(t => t.Id == result.GetValue(taskId))
                ?? throw new InvalidOperationException($"Unknown task '{result.GetValue(taskId)}': see `scribe tasks`.");
            using var http = new HttpClient();
            var client = new DemoSitesClient(http, baseUrl);
            await client.ResetAsync(result.GetValue(seed), cancellationToken);
            await using var browsers = new PlaywrightBrowserHost(Options.Create(new BrowserOptions()), NullLogger<PlaywrightBrowserHost>.Instance);
            var recording = await browsers.RecordAsync(task.Objective, task.StartUrl, task.Script, source: $"demo:{task.Id} seed={result.GetValue(seed)}", cancellationToken: cancellationToken);
            await client.ResetAsync(result.GetValue(seed), cancellationToken);
            await File.WriteAllTextAsync(result.GetValue(output)!.FullName, RecordedWorkflowFile.Serialize(recording), cancellationToken);
            Console.WriteLine($"Recorded {recording.Steps.Length} steps of {task.Id} to {result.GetValue(output)!.FullName}");
            return 0;
        });
        return WorkflowCommands.Guarded(command);
    }
}
