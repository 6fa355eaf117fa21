using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ScribeActors.Abstractions;
using ScribeActors.Agent.Recording;
using ScribeActors.Browser;
using ScribeActors.Browser.Recording;
using ScribeActors.Browser.Secrets;
using ScribeActors.DemoSites;
using ScribeActors.DemoSites.State;
using ScribeActors.DemoSites.Tasks;

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
        var secret = new Option<string?>("--secret")
        {
            Description = "Secret name for text typed into password fields (written as {{secret:NAME}}); default <host>_<field>.",
        };
        var reset = new Option<bool>("--reset")
        {
            Description = "Reset the sites to --seed before and after recording. This ends whatever runs on them (other workflows lose their progress); " +
                "without it the sites keep their state and must already run --seed.",
        };
        var command = new Command("record", "Run a demo task's expert solution in a local browser and save it as a replay file. The sites keep their state unless --reset is given. " +
            "Password fields are recorded as secret placeholders, never as values; the demo passwords are secrets of this process (Scribe__Secrets__NAME__Value overrides).")
        {
            taskId, sites, seed, output, secret, reset,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var baseUrl = new Uri(result.GetValue(sites)!);
            if (result.GetValue(secret) is { } name && !SecretPlaceholder.IsValidName(name))
            {
                throw new InvalidOperationException($"--secret '{name}' is not a valid secret name: {SecretPlaceholder.NameRule}.");
            }

            var task = DemoTaskCatalog.Create(baseUrl, result.GetValue(seed)).FirstOrDefault(t => t.Id == result.GetValue(taskId))
                ?? throw new InvalidOperationException($"Unknown task '{result.GetValue(taskId)}': see `scribe tasks`.");
            using var http = new HttpClient();
            var client = new DemoSitesClient(http, baseUrl);
            if (result.GetValue(reset))
            {
                await SitesAsync(() => client.ResetAsync(result.GetValue(seed), cancellationToken), baseUrl);
            }
            else if ((await SitesAsync(() => client.GetStateAsync(cancellationToken), baseUrl)).Seed is var running && running != result.GetValue(seed))
            {
                throw new InvalidOperationException($"The sites at {baseUrl} run seed {running}, not {result.GetValue(seed)}: give --seed {running}, " +
                    $"or --reset to reset them to seed {result.GetValue(seed)} (which ends whatever runs on them).");
            }

            // The tasks type the demo passwords by placeholder: this process holds them as secrets, limited to the sites.
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(DemoCredentials.SecretSettings(HostPattern.Of(baseUrl)))
                .AddEnvironmentVariables()
                .Build();
            await using var browsers = new PlaywrightBrowserHost(Options.Create(new BrowserOptions()), NullLogger<PlaywrightBrowserHost>.Instance, SecretsFrom(configuration));
            var recording = await browsers.RecordAsync(
                task.Objective, task.StartUrl, task.Script, source: $"demo:{task.Id} seed={result.GetValue(seed)}", passwordSecret: result.GetValue(secret), cancellationToken: cancellationToken);
            if (result.GetValue(reset))
            {
                await SitesAsync(() => client.ResetAsync(result.GetValue(seed), cancellationToken), baseUrl);
            }

            await File.WriteAllTextAsync(result.GetValue(output)!.FullName, RecordedWorkflowFile.Serialize(recording), cancellationToken);
            Console.WriteLine($"Recorded {recording.Steps.Length} steps of {task.Id} to {result.GetValue(output)!.FullName}");
            return 0;
        });
        return WorkflowCommands.Guarded(command);
    }

    /// <summary>Calls the sites' state API, turning "not reachable" into one clear line.</summary>
    private static async Task<DemoState> SitesAsync(Func<Task<DemoState>> call, Uri baseUrl)
    {
        try
        {
            return await call();
        }
        catch (HttpRequestException e)
        {
            throw new InvalidOperationException($"The demo sites at {baseUrl} did not answer ({e.Message}): start them with `scribe sites` or `scribe demo`.", e);
        }
    }

    private static ConfigurationSecretProvider SecretsFrom(IConfiguration configuration)
    {
        try
        {
            return ConfigurationSecretProvider.From(configuration);
        }
        catch (OptionsValidationException e)
        {
            throw new InvalidOperationException($"The secrets in the environment are invalid: {e.Message}", e);
        }
    }
}
