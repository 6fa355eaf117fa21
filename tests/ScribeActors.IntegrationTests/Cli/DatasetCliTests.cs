using System.Text.Json;
using ScribeActors.DemoSites;
using ScribeActors.DemoSites.Tasks;
using ScribeActors.IntegrationTests.Infrastructure;

namespace ScribeActors.IntegrationTests.Cli;

/// <summary>`scribe dataset build` end to end: the real CLI, a real Chromium and the demo sites over HTTP.</summary>
[Trait("Suite", "Integration"), Trait("Needs", "Chromium")]
public sealed class DatasetCliTests : IDisposable
{
    private readonly List<string> _folders = [];

    [Fact]
    public async Task Build_TwoTasksTwoSeeds_RecordsEveryStepAndTheSameBytesTwice()
    {
        Requirements.Chromium();
        await using var world = await DemoWorld.StartAsync(seed: 0);
        var (first, second) = (Folder(), Folder());
        string[] args = ["dataset", "build", "--tasks", "supplier.download-invoice,expenses.approve-report", "--seeds", "2-3", "--sites-url", world.Sites.BaseUrl.ToString()];

        var one = await CliBadInputTests.RunAsync([.. args, "--out", first]);
        var two = await CliBadInputTests.RunAsync([.. args, "--out", second]);
        var again = await CliBadInputTests.RunAsync([.. args, "--out", first]);

        Assert.True(one.Code == 0, $"exit {one.Code}: {one.Output}{one.Error}");
        Assert.True(two.Code == 0, $"exit {two.Code}: {two.Output}{two.Error}");
        Assert.Equal(Snapshot(first), Snapshot(second));
        Assert.Contains("Built 0 instances, skipped 4 done before, 0 failed", again.Output, StringComparison.Ordinal);
        var stats = JsonDocument.Parse(File.ReadAllText(Path.Combine(first, "stats.json"))).RootElement;
        Assert.Equal(4, stats.GetProperty("instancesBuilt").GetInt32());
        Assert.Equal(0, stats.GetProperty("failures").GetArrayLength());

        var expected = DemoTaskCatalog.Get(world.Sites.BaseUrl, 3, "supplier.download-invoice");
        var lines = File.ReadAllLines(Path.Combine(first, "records/supplier.download-invoice/0003.jsonl"));
        Assert.Equal(expected.Script.Count, lines.Length);
        var all = string.Concat(Directory.GetFiles(first, "*", SearchOption.AllDirectories).Select(File.ReadAllText));
        Assert.DoesNotContain(DemoCredentials.SupplierPassword, all, StringComparison.Ordinal);
        Assert.DoesNotContain(DemoCredentials.ManagerPassword, all, StringComparison.Ordinal);
        foreach (var line in lines)
        {
            var record = JsonDocument.Parse(line).RootElement;
            Assert.Equal(expected.Objective, record.GetProperty("objective").GetString());
            Assert.True(record.GetProperty("outcome").GetProperty("succeeded").GetBoolean());
            if (record.GetProperty("goldNode").ValueKind == JsonValueKind.Number)
            {
                Assert.Contains($"node=\"{record.GetProperty("goldNode").GetInt32()}\"", record.GetProperty("dom").GetString(), StringComparison.Ordinal);
            }
        }

        Assert.Contains(lines, l => l.Contains("{{secret:supplier_password}}", StringComparison.Ordinal));
        // The template split holds out the last template in ordinal order: both seeds of supplier.download-invoice.
        var heldOut = File.ReadAllLines(Path.Combine(first, "records/supplier.download-invoice/0002.jsonl")).Length + lines.Length;
        Assert.Equal(heldOut, File.ReadAllLines(Path.Combine(first, "export/template/test.chat.jsonl")).Length);
    }

    [Fact]
    public async Task Build_ConfiguredSecretOnThePage_ExitsOneNamingTheRecord()
    {
        Requirements.Chromium();
        await using var world = await DemoWorld.StartAsync(seed: 0);
        var folder = Folder();
        var environment = new Dictionary<string, string> { ["Scribe__Secrets__brand_name__Value"] = "Brightline Expenses" };

        var (code, _, error) = await CliRun.RunAsync(environment,
            "dataset", "build", "--tasks", "expenses.approve-report", "--seeds", "0", "--sites-url", world.Sites.BaseUrl.ToString(), "--out", folder);

        Assert.Equal(1, code);
        Assert.Contains("error: Record expenses.approve-report/0/1 (in records/expenses.approve-report/0000.jsonl) would carry the value of the secret 'brand_name'", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder, "records")));
    }

    [Fact]
    public async Task Build_UnknownTask_ExitsTwoNamingTheKnownTasks()
    {
        var (code, _, error) = await CliBadInputTests.RunAsync("dataset", "build", "--tasks", "supplier.download-invoice,supplier.pay-invoice", "--out", Folder());

        Assert.Equal(2, code);
        Assert.Contains($"error: Unknown task id 'supplier.pay-invoice'. Known tasks: {string.Join(", ", DemoTaskCatalog.Ids)}.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_FolderHoldingOtherFiles_ExitsTwoAndLeavesThem()
    {
        Requirements.Chromium();
        await using var world = await DemoWorld.StartAsync(seed: 0);
        var folder = Folder();
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "train.csv"), "someone else's data");

        var (code, _, error) = await CliBadInputTests.RunAsync("dataset", "build", "--tasks", "expenses.approve-report", "--seeds", "0", "--sites-url", world.Sites.BaseUrl.ToString(), "--out", folder);

        Assert.Equal(2, code);
        Assert.Contains("is not empty and holds no dataset manifest", error, StringComparison.Ordinal);
        Assert.Equal(["train.csv"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
    }

    public void Dispose()
    {
        foreach (var folder in _folders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private string Folder()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dataset-cli-{Guid.NewGuid():N}");
        _folders.Add(path);
        return path;
    }

    private static Dictionary<string, string> Snapshot(string path) =>
        Directory.GetFiles(path, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(path, f), f => Convert.ToHexString(File.ReadAllBytes(f)), StringComparer.Ordinal);
}
