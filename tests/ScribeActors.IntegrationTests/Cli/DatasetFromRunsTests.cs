using System.Text;
using System.Text.Json;
using ScribeActors.Abstractions;
using ScribeActors.Browser;
using ScribeActors.DemoSites;
using ScribeActors.Grains.Storage;
using ScribeActors.IntegrationTests.Infrastructure;
using ScribeActors.Testing;

namespace ScribeActors.IntegrationTests.Cli;

/// <summary>`scribe dataset from-runs` end to end: two demo tasks replayed to success through the whole runtime (silo on
/// Azurite, workflow and browser-session grains, real Chromium, demo sites over HTTP), then the real CLI exports them from
/// the silo's gateway, twice.</summary>
[Trait("Suite", "Integration"), Trait("Needs", "Azurite,Chromium")]
public sealed class DatasetFromRunsTests : IDisposable
{
    private static readonly string[] TaskIds = ["supplier.download-invoice", "expenses.approve-report"];
    private readonly List<string> _folders = [];

    [Fact]
    public async Task FromRuns_TwoSucceededReplays_RecordPerStepFromTheStoredPagesAndSameBytesTwice()
    {
        Requirements.Chromium();
        await using var world = await DemoWorld.StartAsync(seed: 2);
        await using var silo = await TestSilo.StartAsync();
        var runs = new List<WorkflowSnapshot>();
        foreach (var taskId in TaskIds)
        {
            var task = world.Task(taskId);
            var recording = await world.RecordAsync(silo.Service<IBrowserHost>(), task);
            var spec = world.Spec(task, recording) with { Labels = new() { ["task"] = task.Id, ["site"] = task.Site } };
            var started = await silo.Client.StartAsync(spec, $"run-{task.Id}");
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            var final = await silo.Client.WaitForCompletionAsync(started.Id, timeout.Token);
            Assert.True(final.Status == WorkflowStatus.Succeeded, $"{taskId} ended {final.Status}: {final.FailureReason}");
            runs.Add(final);
        }

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => silo.Client.GetObservationAsync(runs[0].Id, runs[0].Steps.Length));
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => silo.Client.GetObservationAsync("no-such-run", 0));

        var (first, second) = (Folder(), Folder());
        var one = await FromRunsAsync(silo, first);
        var two = await FromRunsAsync(silo, second);

        Assert.True(one.Code == 0, $"exit {one.Code}: {one.Output}{one.Error}");
        Assert.True(two.Code == 0, $"exit {two.Code}: {two.Output}{two.Error}");
        Assert.Contains("Exported 2 runs, skipped 0 done before, 0 failed", one.Output, StringComparison.Ordinal);
        Assert.Equal(Snapshot(first), Snapshot(second));
        var stats = JsonDocument.Parse(File.ReadAllText(Path.Combine(first, "stats.json"))).RootElement;
        Assert.Equal(2, stats.GetProperty("instancesBuilt").GetInt32());
        Assert.Equal(0, stats.GetProperty("failures").GetArrayLength());
        var bytes = string.Concat(Directory.GetFiles(first, "*", SearchOption.AllDirectories).Select(File.ReadAllText));
        Assert.DoesNotContain(DemoCredentials.SupplierPassword, bytes, StringComparison.Ordinal);
        Assert.DoesNotContain(DemoCredentials.ManagerPassword, bytes, StringComparison.Ordinal);

        var artifacts = silo.Service<IArtifactStore>();
        foreach (var run in runs)
        {
            var performed = run.Steps.Where(s => s.Action is null || s.Outcome is { Succeeded: true }).ToList();
            var lines = File.ReadAllLines(Path.Combine(first, $"records/runs/{run.Id}.jsonl"));
            Assert.Equal(performed.Count, lines.Length);
            for (var i = 0; i < lines.Length; i++)
            {
                var (record, step) = (JsonDocument.Parse(lines[i]).RootElement, performed[i]);
                Assert.Equal($"{run.Id}/{i + 1}", record.GetProperty("id").GetString());
                Assert.Equal(run.Spec.Labels["task"], record.GetProperty("task").GetString());
                Assert.Equal(run.Spec.Objective, record.GetProperty("objective").GetString());
                Assert.Equal(step.UrlBefore, record.GetProperty("url").GetString());
                Assert.True(record.GetProperty("outcome").GetProperty("succeeded").GetBoolean());
                Assert.Equal(i, record.GetProperty("previousSteps").GetArrayLength());
                var stored = Encoding.UTF8.GetString((await artifacts.GetAsync(step.ObservationRef!))!);
                Assert.Equal(stored, record.GetProperty("dom").GetString());
                Assert.Equal(ScribeStep.Parse(step.Description!).Action, record.GetProperty("targetStep").GetProperty("action").GetString());
                if (step.Action?.NodeId is { } node)
                {
                    Assert.Equal(node, record.GetProperty("goldNode").GetInt32());
                    Assert.Contains($"node=\"{node}\"", stored, StringComparison.Ordinal);
                }
                else
                {
                    Assert.Equal(JsonValueKind.Null, record.GetProperty("goldNode").ValueKind);
                }
            }
        }

        Assert.Contains("{{secret:supplier_password}}", File.ReadAllText(Path.Combine(first, "records/runs/run-supplier.download-invoice.jsonl")), StringComparison.Ordinal);
    }

    /// <summary>Runs `scribe dataset from-runs` against the silo's cluster, with the demo passwords configured as secrets so
    /// the export's scan looks for them.</summary>
    private static Task<(int Code, string Output, string Error)> FromRunsAsync(TestSilo silo, string folder)
    {
        var environment = new Dictionary<string, string>(DemoSecrets.Environment) { ["Scribe__Client__ServiceId"] = silo.ServiceId };
        return CliRun.RunAsync(environment, "dataset", "from-runs", "--out", folder, "--cluster-id", silo.ServiceId);
    }

    private string Folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"from-runs-{Guid.NewGuid():N}");
        _folders.Add(folder);
        return folder;
    }

    private static Dictionary<string, string> Snapshot(string folder) => Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
        .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);

    public void Dispose()
    {
        foreach (var folder in _folders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
