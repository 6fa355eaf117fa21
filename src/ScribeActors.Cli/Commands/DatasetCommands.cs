using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ScribeActors.Abstractions;
using ScribeActors.Agent.Datasets;
using ScribeActors.Agent.Import;
using ScribeActors.Browser;
using ScribeActors.Browser.Datasets;
using ScribeActors.Browser.Secrets;
using ScribeActors.Cli.Infrastructure;
using ScribeActors.DemoSites;
using ScribeActors.DemoSites.Tasks;

namespace ScribeActors.Cli.Commands;

/// <summary>dataset build: the demo tasks' expert solutions, recorded on freshly seeded sites, as training data;
/// dataset from-runs: the workflows a cluster ran, as the same training data.</summary>
internal static class DatasetCommands
{
    public static Command Create()
    {
        var dataset = new Command("dataset", "Build training data from recorded expert solutions.");
        dataset.Subcommands.Add(Build());
        dataset.Subcommands.Add(FromRuns());
        dataset.Subcommands.Add(Import());
        return dataset;
    }

    private static Command Import()
    {
        var html = new Option<FileInfo[]>("--html") { Description = "Saved pages (Mind2Web-style snapshots or the reference's raw DOMs).", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string?>("--out") { Description = "For one page: the file to write (default: standard output). For several: a folder, each page as NAME.nodes.html." };
        var command = new Command("import", "Read saved pages as the reference did (Python's html.parser: <a/>, <div/>, <button/> closed at once, nothing closed implicitly), " +
            "give them the reference's node ids and write them with every element closed, for the pipeline. Counts, per page and in all, what the HTML5 parser would still " +
            "move, and the pages deeper than it keeps (it would flatten them).")
        {
            html, output,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var (files, target) = (result.GetValue(html)!, result.GetValue(output));
            if (files.FirstOrDefault(f => !f.Exists) is { } missing)
            {
                return WorkflowCommands.Fail($"--html: {missing.FullName} does not exist.");
            }

            if (files.Length > 1 && target is null)
            {
                return WorkflowCommands.Fail("--out: several pages need a folder to be written to.");
            }

            var summary = new ImportSummary();
            foreach (var file in files)
            {
                var page = ImportedPage.Import(await File.ReadAllTextAsync(file.FullName, cancellationToken));
                summary = summary.Add(page);
                Console.Error.WriteLine($"{file.Name}: {page.Describe()}");
                if (target is null)
                {
                    Console.Out.Write(page.Html);
                    continue;
                }

                var path = files.Length == 1 ? target : Path.Combine(Directory.CreateDirectory(target).FullName, Path.GetFileNameWithoutExtension(file.Name) + ".nodes.html");
                await File.WriteAllTextAsync(path, page.Html, cancellationToken);
            }

            Console.Error.WriteLine(summary.ToText());
            return 0;
        });
        return WorkflowCommands.Guarded(command);
    }

    private static Command FromRuns()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder: new, empty, or holding the same export (adds the runs not in it yet).", Required = true };
        var status = new Option<WorkflowStatus>("--status") { Description = "Which runs: Succeeded (the default) or another final status.", DefaultValueFactory = _ => WorkflowStatus.Succeeded };
        var since = new Option<DateTimeOffset?>("--since") { Description = "Only runs created at or after this moment (ISO 8601, for example 2026-01-31T00:00:00Z)." };
        var budget = new Option<int>("--observation-tokens") { Description = "Token budget the pruned DOM is fitted into.", DefaultValueFactory = _ => DatasetSettings.DefaultObservationTokens };
        var fitter = new Option<string>("--fitter") { Description = "interactive (ours) or tail (the reference's).", DefaultValueFactory = _ => "interactive" };
        var heldOutTask = new Option<string?>("--holdout-task") { Description = "Template the template split holds out (a run's 'task' label; default: the last in ordinal order)." };
        var heldOutSite = new Option<string?>("--holdout-site") { Description = "Site the site split holds out (a run's 'site' label or start host; default: the last in ordinal order)." };
        var connection = new ConnectionOptions();
        var command = new Command("from-runs", "Export the workflows a running cluster stored (by default the succeeded ones) as per-step records, exports, splits (by workflow id) " +
            "and statistics, from each step's stored observation. A run's 'task' and 'site' labels name its template and site. Secret values configured in this process " +
            "(Scribe__Secrets__NAME__Value) never reach a written byte: a record that would carry one stops the export.")
        {
            output, status, since, budget, fitter, heldOutTask, heldOutSite,
        };
        connection.AddTo(command);
        command.SetAction(async (result, cancellationToken) =>
        {
            var settings = new DatasetSettings { ObservationTokens = result.GetValue(budget), Fitter = result.GetValue(fitter)! };
            if (settings.Validate() is [var problem, ..])
            {
                return WorkflowCommands.Fail(problem);
            }

            if (result.GetValue(status) is not (WorkflowStatus.Succeeded or WorkflowStatus.Failed or WorkflowStatus.Cancelled))
            {
                return WorkflowCommands.Fail("--status must be a final status: Succeeded, Failed or Cancelled.");
            }

            var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
            var secrets = new SecretsOptions().ReadFrom(configuration.GetSection(SecretsOptions.SectionName)).Secrets
                .Where(s => !string.IsNullOrEmpty(s.Value.Value)).ToDictionary(s => s.Key, s => s.Value.Value!, StringComparer.Ordinal);
            var settingsOfConnection = connection.Read(result);
            await using var cluster = await ClusterConnection.ConnectAsync(settingsOfConnection, cancellationToken);
            var request = new RunExportRequest
            {
                OutputFolder = result.GetValue(output)!.FullName,
                Status = result.GetValue(status),
                Since = result.GetValue(since),
                Settings = settings,
                Secrets = secrets,
                HeldOutTask = result.GetValue(heldOutTask),
                HeldOutSite = result.GetValue(heldOutSite),
            };
            try
            {
                var exported = await RunDatasetExport.ExportAsync(
                    new ClusterRunSource(cluster.Client, settingsOfConnection.ClusterId ?? "scribe"), request, Console.WriteLine, cancellationToken);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Exported {exported.Exported} runs, skipped {exported.Skipped} done before, {exported.Failed} failed; dataset in {request.OutputFolder}"));
                Console.WriteLine(exported.Statistics.ToText());
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or DatasetFolderException)
            {
                return WorkflowCommands.Fail(e.Message);
            }
            catch (SecretLeakException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return WorkflowCommands.Guarded(command);
    }

    private static Command Build()
    {
        var tasks = new Option<string>("--tasks") { Description = "Demo task ids, comma-separated (see `scribe tasks`), or 'all'.", Required = true };
        var seeds = new Option<string>("--seeds") { Description = "Seeds: ranges and numbers, for example 0-199 or 0,5,10-12.", DefaultValueFactory = _ => "0-199" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder: new, empty, or holding the same dataset (resumes it).", Required = true };
        var sites = new Option<string>("--sites-url") { Description = "Base URL of running demo sites (`scribe sites`).", DefaultValueFactory = _ => "http://127.0.0.1:5100/" };
        var startSites = new Option<bool>("--start-sites") { Description = "Start the demo sites in this process at --sites-url instead of using running ones." };
        var budget = new Option<int>("--observation-tokens") { Description = "Token budget the pruned DOM is fitted into.", DefaultValueFactory = _ => DatasetSettings.DefaultObservationTokens };
        var fitter = new Option<string>("--fitter") { Description = "interactive (ours) or tail (the reference's).", DefaultValueFactory = _ => "interactive" };
        var heldOutTask = new Option<string?>("--holdout-task") { Description = "Template the template split holds out (default: the last id in ordinal order)." };
        var heldOutSite = new Option<string?>("--holdout-site") { Description = "Site the site split holds out (default: the last name in ordinal order)." };
        var command = new Command("build", "Run the demo tasks' expert solutions on sites reset to each seed, through the recorder, and write per-step records, " +
            "exports (reference CSV, chat JSONL), splits and statistics. Secret values configured in this process (the demo passwords, Scribe__Secrets__NAME__Value) " +
            "never reach a written byte: a record that would carry one stops the build.")
        {
            tasks, seeds, output, sites, startSites, budget, fitter, heldOutTask, heldOutSite,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var baseUrl = new Uri(result.GetValue(sites)!);
            var ids = result.GetValue(tasks)! == "all" ? DemoTaskCatalog.Ids : result.GetValue(tasks)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (ids.FirstOrDefault(id => !DemoTaskCatalog.Ids.Contains(id)) is { } unknown)
            {
                return WorkflowCommands.Fail($"Unknown task id '{unknown}'. Known tasks: {string.Join(", ", DemoTaskCatalog.Ids)}.");
            }

            IReadOnlyList<int> seedList;
            try
            {
                seedList = SeedList.Parse(result.GetValue(seeds)!);
            }
            catch (FormatException e)
            {
                return WorkflowCommands.Fail($"--seeds: {e.Message}");
            }

            var settings = new DatasetSettings { ObservationTokens = result.GetValue(budget), Fitter = result.GetValue(fitter)! };
            if (settings.Validate() is [var problem, ..])
            {
                return WorkflowCommands.Fail(problem);
            }

            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(DemoCredentials.SecretSettings(HostPattern.Of(baseUrl)))
                .AddEnvironmentVariables()
                .Build();
            var secrets = new SecretsOptions().ReadFrom(configuration.GetSection(SecretsOptions.SectionName)).Secrets
                .Where(s => !string.IsNullOrEmpty(s.Value.Value)).ToDictionary(s => s.Key, s => s.Value.Value!, StringComparer.Ordinal);
            await using var started = result.GetValue(startSites) ? await DemoSitesApp.StartAsync($"http://{baseUrl.Authority}", 0, cancellationToken) : null;
            using var http = new HttpClient();
            await using var browsers = new PlaywrightBrowserHost(
                Options.Create(new BrowserOptions()), NullLogger<PlaywrightBrowserHost>.Instance, ConfigurationSecretProvider.From(configuration));
            var request = new DatasetBuildRequest
            {
                OutputFolder = result.GetValue(output)!.FullName,
                Tasks = ids,
                Seeds = seedList,
                Settings = settings,
                Secrets = secrets,
                HeldOutTask = result.GetValue(heldOutTask),
                HeldOutSite = result.GetValue(heldOutSite),
            };
            try
            {
                var built = await DatasetBuilder.BuildAsync(
                    browsers, new DemoTaskSource(new DemoSitesClient(http, baseUrl), baseUrl), request, TimeProvider.System, Console.WriteLine, cancellationToken);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Built {built.Built} instances, skipped {built.Skipped} done before, {built.Statistics.Failures.Count} failed; dataset in {request.OutputFolder}"));
                Console.WriteLine(built.Statistics.ToText());
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or DatasetFolderException)
            {
                return WorkflowCommands.Fail(e.Message);
            }
            catch (SecretLeakException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
            catch (HttpRequestException e)
            {
                return WorkflowCommands.Fail($"The demo sites at {baseUrl} do not answer ({e.Message}); start them with `scribe sites` or pass --start-sites.");
            }
        });
        return WorkflowCommands.Guarded(command);
    }

    /// <summary>The runs a cluster stored, read through the client SDK.</summary>
    private sealed class ClusterRunSource(Client.ScribeClient client, string clusterId) : IDatasetRunSource
    {
        public string Name => $"cluster {clusterId}";

        public async Task<IReadOnlyList<WorkflowSummary>> ListAsync(WorkflowStatus status, CancellationToken cancellationToken) => await client.ListAsync(status);

        public Task<WorkflowSnapshot> GetAsync(string workflowId, CancellationToken cancellationToken) => client.GetAsync(workflowId, cancellationToken);

        public Task<StoredObservation> GetObservationAsync(string workflowId, int stepIndex, CancellationToken cancellationToken) =>
            client.GetObservationAsync(workflowId, stepIndex, cancellationToken);
    }

    /// <summary>The demo catalogue: resets the sites to the seed, checks the server state after the run.</summary>
    private sealed class DemoTaskSource(DemoSitesClient client, Uri baseUrl) : IDatasetTaskSource
    {
        public string Name => $"demo-sites {baseUrl}";

        public IReadOnlyList<string> TaskIds => DemoTaskCatalog.Ids;

        public async Task<DatasetTaskInstance> PrepareAsync(string taskId, int seed, CancellationToken cancellationToken)
        {
            await client.ResetAsync(seed, cancellationToken);
            var task = DemoTaskCatalog.Get(baseUrl, seed, taskId);
            return new DatasetTaskInstance
            {
                Key = new DatasetInstanceKey(task.Id, task.Site, seed),
                Objective = task.Objective,
                StartUrl = task.StartUrl,
                Script = task.Script,
                AllowedHosts = [HostPattern.Of(baseUrl)],
                State = task,
            };
        }

        public async Task<DatasetOutcome> CheckAsync(DatasetTaskInstance instance, CancellationToken cancellationToken)
        {
            var check = ((DemoTask)instance.State!).Check(await client.GetStateAsync(cancellationToken));
            return new DatasetOutcome(check.Succeeded, check.Reason);
        }
    }
}
