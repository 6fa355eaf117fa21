using System.CommandLine;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScribeActors.Abstractions;
using ScribeActors.Browser;
using ScribeActors.Browser.Recording;
using ScribeActors.Cli.Infrastructure;
using ScribeActors.Client;
using ScribeActors.DemoSites;
using ScribeActors.DemoSites.Tasks;
using ScribeActors.Silo.Hosting;

namespace ScribeActors.Cli.Commands;

/// <summary>
/// scribe demo: Azurite (started if none runs), one all-role silo in-process, the demo sites, then a multi-step demo
/// workflow recorded from the task's expert solution and replayed through the durable runtime, shown live. Exits 0
/// only when the workflow succeeded and the site's server state confirms it.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var taskId = new Option<string>("--task") { Description = "Demo task id (see `scribe tasks`).", DefaultValueFactory = _ => "supplier.dispute-invoice" };
        var seed = new Option<int>("--seed") { Description = "Layout and data seed.", DefaultValueFactory = _ => 7 };
        var sitesPort = new Option<int>("--sites-port") { Description = "Port of the demo sites.", DefaultValueFactory = _ => 5100 };
        var webPort = new Option<int>("--web-port") { Description = "Port of the silo's dashboard and REST API.", DefaultValueFactory = _ => 5080 };
        var keep = new Option<bool>("--keep-running") { Description = "Keep the silo, dashboard and sites running after the workflow (Ctrl+C stops)." };
        var command = new Command("demo", "Run the embedded demo end to end.") { taskId, seed, sitesPort, webPort, keep };
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetValue(taskId)!, result.GetValue(seed), result.GetValue(sitesPort), result.GetValue(webPort), result.GetValue(keep), cancellationToken));
        return WorkflowCommands.Guarded(command);
    }

    private static async Task<int> RunAsync(string taskId, int seed, int sitesPort, int webPort, bool keepRunning, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var startedAzurite = await AzuriteLauncher.EnsureRunningAsync(Console.Out, cancellationToken);
        try
        {
            await using var sites = await DemoSitesApp.StartAsync($"http://127.0.0.1:{sitesPort}", seed, cancellationToken);
            var task = DemoTaskCatalog.Create(sites.BaseUrl, seed).FirstOrDefault(t => t.Id == taskId)
                ?? throw new InvalidOperationException($"Unknown task '{taskId}': see `scribe tasks`.");
            Console.WriteLine($"Demo sites   {sites.BaseUrl}");

            var settings = new Dictionary<string, string?>
            {
                ["Scribe:Silo:WebPort"] = webPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Scribe:Silo:ClusterId"] = "scribe-demo",
                ["Scribe:Silo:MinimumReminderPeriod"] = "00:00:10",
                ["Scribe:Workflow:KeepAlivePeriod"] = "00:00:10",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
            };

            // The demo accounts' passwords are secrets of this silo, typed only on the sites' host; the task, its
            // recording and the workflow name them by placeholder.
            foreach (var (key, value) in DemoCredentials.SecretSettings(HostPattern.Of(sites.BaseUrl)))
            {
                settings[key] = value;
            }

            var silo = await ScribeSiloHost.BuildAsync([], settings, cancellationToken: cancellationToken);
            await silo.StartAsync(cancellationToken);
            try
            {
                Console.WriteLine($"Dashboard    http://127.0.0.1:{webPort}/dashboard/");
                Console.WriteLine($"Task         {task.Id}: {task.Objective}");

                using var http = new HttpClient();
                var siteClient = new DemoSitesClient(http, sites.BaseUrl);
                await siteClient.ResetAsync(seed, cancellationToken);
                var browsers = silo.Services.GetRequiredService<IBrowserHost>();
                var recording = await browsers.RecordAsync(task.Objective, task.StartUrl, task.Script, [HostPattern.Of(sites.BaseUrl)], $"demo:{task.Id} seed={seed}", cancellationToken: cancellationToken);
                await siteClient.ResetAsync(seed, cancellationToken); // undo the recording's effects: the replay must do the work
                Console.WriteLine($"Recorded     {recording.Steps.Length} steps of the expert solution; replaying them through the durable runtime:");

                var client = new ScribeClient(silo.Services.GetRequiredService<IGrainFactory>());
                var started = await client.StartAsync(new WorkflowSpec
                {
                    Objective = task.Objective,
                    StartUrl = task.StartUrl,
                    AllowedHosts = [HostPattern.Of(sites.BaseUrl)],
                    MaxSteps = recording.Steps.Length + 10,
                    StepSource = StepSourceSpec.ForReplay(recording),
                }, cancellationToken: cancellationToken);

                WorkflowSnapshot final = started;
                await foreach (var e in client.WatchAsync(started.Id, cancellationToken))
                {
                    Console.WriteLine(EventPrinter.Format(e));
                    final = e.Snapshot;
                }

                var state = await siteClient.GetStateAsync(cancellationToken);
                var check = task.Check(state);
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
            finally
            {
                await silo.StopAsync(CancellationToken.None);
                await silo.DisposeAsync();
            }
        }
        finally
        {
            if (startedAzurite)
            {
                await AzuriteLauncher.StopAsync();
            }
        }
    }
}
