using System.Text.Json;
using ScribeActors.Agent.Datasets;

namespace ScribeActors.Agent.Tests.Datasets;

public sealed class RunDatasetExportTests : IDisposable
{
    private readonly List<string> _folders = [];

    private static RunSamples.Source Source(Func<string, int, string?>? pages = null) => new(
        [.. Enumerable.Range(0, 12).Select(i => RunSamples.SignIn($"wf-{i:D2}", new() { ["task"] = i % 2 == 0 ? "supplier.sign-in" : "supplier.log-in", ["site"] = "supplier" }))],
        pages ?? RunSamples.Page);

    [Fact]
    public async Task Export_TwelveRuns_RecordsSplitsByWorkflowIdAndSameBytesTwice()
    {
        var (first, second) = (Folder(), Folder());
        var request = new RunExportRequest { OutputFolder = first, Secrets = new Dictionary<string, string> { ["supplier_password"] = DatasetSamples.Password } };

        var one = await RunDatasetExport.ExportAsync(Source(), request);
        await RunDatasetExport.ExportAsync(Source(), request with { OutputFolder = second });
        var again = await RunDatasetExport.ExportAsync(Source(), request);

        Assert.Equal((12, 0, 0), (one.Exported, one.Skipped, one.Failed));
        Assert.Equal((0, 12, 0), (again.Exported, again.Skipped, again.Failed));
        Assert.Equal(12, one.Statistics.InstancesBuilt);
        Assert.Equal(Snapshot(first), Snapshot(second));
        Assert.Equal(3, File.ReadAllLines(Path.Combine(first, "records/runs/wf-07.jsonl")).Length);
        var splits = JsonDocument.Parse(File.ReadAllText(Path.Combine(first, "splits.json"))).RootElement.GetProperty("instance");
        foreach (var split in DatasetSplits.Names)
        {
            foreach (var id in splits.GetProperty(split).EnumerateArray().Select(e => e.GetString()!))
            {
                Assert.Equal(DatasetSplits.BySeed(DatasetSplits.RunSeed(id.Split('/')[0])), split);
            }
        }

        Assert.Equal(36, DatasetSplits.Names.Sum(s => splits.GetProperty(s).GetArrayLength()));
        Assert.Equal(18, File.ReadAllLines(Path.Combine(first, "export/template/test.chat.jsonl")).Length); // supplier.sign-in, last in ordinal order
    }

    [Fact]
    public async Task Export_PageMissingFromTheStore_ReportsTheRunAndExportsTheOthers()
    {
        var folder = Folder();
        var source = Source((id, step) => id == "wf-03" && step == 2 ? null : RunSamples.Page(id, step));

        var result = await RunDatasetExport.ExportAsync(source, new RunExportRequest { OutputFolder = folder });

        Assert.Equal((11, 1), (result.Exported, result.Failed));
        var failure = Assert.Single(result.Statistics.Failures);
        Assert.Equal("wf-03", failure.Instance);
        Assert.Contains("step 3: its stored observation (dom/wf-03-2) is gone from the artefact store (swept under Scribe:Workflow:ObservationRetention?)", failure.Reason, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "records/runs/wf-03.jsonl")));
    }

    [Fact]
    public async Task Export_SecretValueInAStoredPage_StopsNamingTheRecordAndWritesNoneOfIt()
    {
        var folder = Folder();
        var leaked = DatasetSamples.Login.Replace("name=\"username\"", $"name=\"username\" value=\"{DatasetSamples.Password}\"", StringComparison.Ordinal);
        var source = Source((id, step) => id == "wf-05" && step == 0 ? leaked : RunSamples.Page(id, step));
        var request = new RunExportRequest { OutputFolder = folder, Secrets = new Dictionary<string, string> { ["supplier_password"] = DatasetSamples.Password } };

        var e = await Assert.ThrowsAsync<SecretLeakException>(() => RunDatasetExport.ExportAsync(source, request));

        Assert.Contains("wf-05/1", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(DatasetSamples.Password, e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "records/runs/wf-05.jsonl")));
        Assert.All(Directory.GetFiles(folder, "*", SearchOption.AllDirectories),
            f => Assert.DoesNotContain(DatasetSamples.Password, File.ReadAllText(f), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_Since_OnlyRunsCreatedFromThen()
    {
        var from = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var runs = Enumerable.Range(0, 4).Select(i => RunSamples.SignIn($"wf-{i}") with { CreatedAt = from.AddDays(i - 2) }).ToList();
        var folder = Folder();

        var result = await RunDatasetExport.ExportAsync(new RunSamples.Source(runs, RunSamples.Page), new RunExportRequest { OutputFolder = folder, Since = from });

        Assert.Equal((2, 2), (result.Exported, result.Statistics.InstancesPlanned));
        Assert.Equal(["wf-2", "wf-3"], Directory.GetFiles(Path.Combine(folder, "records/runs")).Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal));
    }

    private string Folder()
    {
        var folder = DatasetSamples.TempFolder();
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
