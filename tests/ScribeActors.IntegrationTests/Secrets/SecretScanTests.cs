using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using ScribeActors.Abstractions;
using ScribeActors.Agent.Recording;
using ScribeActors.Browser;
using ScribeActors.DemoSites;
using ScribeActors.IntegrationTests.Infrastructure;
using ScribeActors.Testing;
using Xunit.Abstractions;

namespace ScribeActors.IntegrationTests.Secrets;

/// <summary>
/// The supplier login typed as a secret by a production-composed silo (its own Azurite account, Chromium, the demo
/// sites over HTTP): the workflow succeeds, and the password is then in no blob of any container, no entity of any
/// table, no log entry at any level, no snapshot or listing the SDK and REST API return, no stored DOM or screenshot and
/// no replay file. A control run then types the same value as plain text through the same silo and the same scan finds
/// it in each kind of place, so the zero above cannot come from a scan that looks in the wrong place or format.
/// </summary>
[Trait("Suite", "Integration"), Trait("Needs", "Azurite,Chromium")]
public sealed class SecretScanTests(ITestOutputHelper output)
{
    private const string Value = DemoCredentials.SupplierPassword;
    private const string Placeholder = "{{secret:" + DemoCredentials.SupplierPasswordSecret + "}}";

    [Fact]
    public async Task DisputeInvoice_PasswordTypedAsSecret_ValueInNoStorageLogApiAnswerArtefactOrReplayFile()
    {
        Requirements.Chromium();
        await using var azurite = await AzuriteProcess.StartAsync();
        await using var world = await DemoWorld.StartAsync(seed: 11);
        var logs = new CapturedLogs();
        await using var silo = await TestSilo.StartAsync(
            extra: new Dictionary<string, string?>
            {
                ["Scribe:Storage:ConnectionString"] = azurite.ConnectionString,
                ["Scribe:Workflow:CaptureScreenshots"] = "true",
                [$"Scribe:Secrets:{DemoCredentials.SupplierPasswordSecret}:AllowedHosts"] = world.Host,
                ["Logging:LogLevel:Default"] = "Trace",
            },
            configure: builder => builder.Logging.ClearProviders().AddProvider(logs)); // every entry, at every level, is kept here
        var task = world.Task("supplier.dispute-invoice");
        Assert.Contains(Placeholder, task.Objective, StringComparison.Ordinal);

        var recording = await world.RecordAsync(silo.Service<IBrowserHost>(), task);
        var replayFile = Path.Combine(Path.GetTempPath(), $"secret-scan-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(replayFile, RecordedWorkflowFile.Serialize(recording));
        try
        {
            var spec = world.Spec(task, recording);
            await silo.Client.CreateScheduleAsync("nightly-dispute", new ScheduleSpec { Cron = "0 3 1 1 *", Workflow = spec });
            var started = await silo.Client.StartAsync(spec);
            using var wait = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var final = await silo.Client.WaitForCompletionAsync(started.Id, wait.Token);
            Assert.True(final.Status == WorkflowStatus.Succeeded, $"{final.Status}: {final.FailureReason}");
            var check = task.Check(await world.Client.GetStateAsync());
            Assert.True(check.Succeeded, check.Reason);

            // The password step typed the placeholder; the page after it was stored without its screenshot.
            var typed = final.Steps.Single(s => s.Action is { Kind: BrowserActionKind.Type, Text: Placeholder });
            Assert.Null(final.Steps[typed.Index + 1].ScreenshotRef);
            Assert.Contains(final.Steps, s => s.ScreenshotRef is not null);
            Assert.All(final.Steps.Where(s => s.Action is not null), s => Assert.NotNull(s.ObservationRef));

            var scan = await ScanEverythingAsync(new SecretScan(Value), azurite, silo, started.Id, logs, replayFile);
            output.WriteLine($"Scanned {scan.Scanned.Count} places ({scan.Scanned.Count(s => s.StartsWith("blob", StringComparison.Ordinal))} blobs, " +
                $"{scan.Scanned.Count(s => s.StartsWith("table", StringComparison.Ordinal))} table entities, {logs.Entries.Count} log entries).");
            Assert.True(scan.Hits.Count == 0, "The secret value was found in: " + string.Join(", ", scan.Hits));
            Assert.Contains(scan.Scanned, s => s.StartsWith("blob scribe-artifacts/dom/", StringComparison.Ordinal));
            Assert.Contains(scan.Scanned, s => s.StartsWith("blob scribe-artifacts/png/", StringComparison.Ordinal));
            Assert.Contains(scan.Scanned, s => s.StartsWith("blob state-", StringComparison.Ordinal) && s.Contains("schedule", StringComparison.OrdinalIgnoreCase));
            Assert.Contains(scan.Scanned, s => s.StartsWith("table ", StringComparison.Ordinal));
            Assert.Contains(logs.Entries, e => e.Contains(Placeholder, StringComparison.Ordinal)); // the objective and steps are logged, by placeholder

            // Control: the same value typed as plain text (no placeholder) by the same silo is found by the same scan in
            // every kind of place above, and a table entity holding it is found too.
            await ControlAsync(azurite, silo, world, recording, logs, replayFile);
        }
        finally
        {
            File.Delete(replayFile);
        }
    }

    private async Task ControlAsync(AzuriteProcess azurite, TestSilo silo, DemoWorld world, RecordedWorkflow recording, CapturedLogs logs, string replayFile)
    {
        var username = recording.Steps[0];
        var control = new RecordedWorkflow
        {
            Objective = $"Control: type {Value} into the user name field",
            StartUrl = recording.StartUrl,
            Steps = [username with { Value = Value, Description = $"Type \"{Value}\"" }, new RecordedStep { Index = 2, Description = "Done", Action = StepActions.Finish }],
        };
        await File.WriteAllTextAsync(replayFile, RecordedWorkflowFile.Serialize(control));
        var started = await silo.Client.StartAsync(new WorkflowSpec
        {
            Objective = control.Objective,
            StartUrl = control.StartUrl,
            AllowedHosts = [world.Host],
            StepSource = StepSourceSpec.ForReplay(control),
        });
        using var wait = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var final = await silo.Client.WaitForCompletionAsync(started.Id, wait.Token);
        Assert.True(final.Status == WorkflowStatus.Succeeded, $"{final.Status}: {final.FailureReason}");

        var planted = new TableServiceClient(azurite.ConnectionString).GetTableClient("planted" + Guid.NewGuid().ToString("N")[..8]);
        await planted.CreateIfNotExistsAsync();
        await planted.AddEntityAsync(new TableEntity("p", "r") { ["Text"] = $"x{Value}y" });

        var scan = await ScanEverythingAsync(new SecretScan(Value), azurite, silo, started.Id, logs, replayFile);
        output.WriteLine("Control hits: " + string.Join(", ", scan.Hits));
        Assert.Contains(scan.Hits, h => h.StartsWith("blob state-", StringComparison.Ordinal));
        Assert.Contains(scan.Hits, h => h.StartsWith("blob scribe-artifacts/dom/", StringComparison.Ordinal));
        Assert.Contains(scan.Hits, h => h.StartsWith("table " + planted.Name, StringComparison.Ordinal));
        Assert.Contains(scan.Hits, h => h.StartsWith("log", StringComparison.Ordinal));
        Assert.Contains(scan.Hits, h => h.StartsWith("sdk", StringComparison.Ordinal));
        Assert.Contains(scan.Hits, h => h.StartsWith("rest", StringComparison.Ordinal));
        Assert.Contains(scan.Hits, h => h.StartsWith("replay file", StringComparison.Ordinal));
    }

    private static async Task<SecretScan> ScanEverythingAsync(SecretScan scan, AzuriteProcess azurite, TestSilo silo, string workflowId, CapturedLogs logs, string replayFile)
    {
        await scan.StorageAsync(azurite.ConnectionString);
        foreach (var (entry, i) in logs.Entries.Select((e, i) => (e, i)))
        {
            scan.Text($"log entry {i}", entry);
        }

        scan.Text("sdk snapshot", JsonSerializer.Serialize(await silo.Client.GetAsync(workflowId)));
        scan.Text("sdk list", JsonSerializer.Serialize(await silo.Client.ListAsync()));
        scan.Text("sdk schedules", JsonSerializer.Serialize(await silo.Client.ListSchedulesAsync()));
        using var http = new HttpClient { BaseAddress = silo.WebUrl };
        foreach (var path in new[] { $"api/workflows/{workflowId}", "api/workflows", "api/schedules/nightly-dispute" })
        {
            scan.Text($"rest {path}", await http.GetStringAsync(path));
        }

        scan.Text("replay file", await File.ReadAllTextAsync(replayFile));
        return scan;
    }
}
