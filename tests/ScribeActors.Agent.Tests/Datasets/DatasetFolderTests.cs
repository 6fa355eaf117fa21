using System.Text.Json;
using ScribeActors.Agent.Datasets;
using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Tests.Datasets;

public sealed class DatasetFolderTests : IDisposable
{
    private readonly List<string> _folders = [];

    [Fact]
    public void Finish_TwoInstancesAndAFailure_WritesSplitsExportsAndStatistics()
    {
        var folder = Build(Folder());

        var stats = folder.Finish(3, ApproximateTokenCounter.Instance);

        Assert.Equal(2, stats.InstancesBuilt);
        Assert.Equal(3, stats.InstancesPlanned);
        var failure = Assert.Single(stats.Failures);
        Assert.Equal(new DatasetFailure("supplier.sign-in/2", "selector matched nothing"), failure);
        Assert.Equal(4, stats.Splits["instance"]["test"].Steps);
        Assert.Equal(4, stats.Splits["instance"]["validation"].Steps);
        Assert.True(stats.Splits["instance"]["test"].PromptTokens > stats.Splits["instance"]["test"].Steps * 50);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(folder.FullPath, "export/instance/test.chat.jsonl")).Length);
        Assert.Equal(DatasetExport.ReferenceHeader, File.ReadAllText(Path.Combine(folder.FullPath, "export/instance/train.csv")));
        var splits = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder.FullPath, "splits.json"))).RootElement;
        Assert.Equal(["supplier.sign-in/0/1", "supplier.sign-in/0/2", "supplier.sign-in/0/3", "supplier.sign-in/0/4"],
            splits.GetProperty("instance").GetProperty("test").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("FAILED supplier.sign-in/2: selector matched nothing", File.ReadAllText(Path.Combine(folder.FullPath, "stats.txt")), StringComparison.Ordinal);
    }

    [Fact]
    public void Finish_SameRecordsInTwoFolders_SameBytes()
    {
        var first = Build(Folder());
        var second = Build(Folder());

        first.Finish(3, ApproximateTokenCounter.Instance);
        second.Finish(3, ApproximateTokenCounter.Instance);

        Assert.Equal(Snapshot(first.FullPath), Snapshot(second.FullPath));
    }

    [Fact]
    public void Open_SameIdentity_ResumesWithDoneInstancesAndRebuildsATamperedOne()
    {
        var path = Folder();
        Build(path);
        File.AppendAllText(Path.Combine(path, "records/supplier.sign-in/0001.jsonl"), "tampered\n");

        var resumed = DatasetFolder.Open(path, DatasetSamples.Identity("0-2"), DatasetSamples.Scan());

        Assert.True(resumed.IsDone(new DatasetInstanceKey("supplier.sign-in", "supplier", 0)));
        Assert.False(resumed.IsDone(new DatasetInstanceKey("supplier.sign-in", "supplier", 1)));
        Assert.True(resumed.IsDone(new DatasetInstanceKey("supplier.sign-in", "supplier", 2)));
        Assert.Equal(3, resumed.Done.Count);
    }

    [Fact]
    public void Open_FolderWithAnotherDataset_RefusesNamingTheDifferenceAndChangesNothing()
    {
        var path = Folder();
        Build(path);
        var before = Snapshot(path);

        var error = Assert.Throws<DatasetFolderException>(() => DatasetFolder.Open(path, DatasetSamples.Identity("0-199"), DatasetSamples.Scan()));

        Assert.Contains("holds another dataset (seeds '0-2' there, '0-199' asked)", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(path));
    }

    [Fact]
    public void Open_FolderWithOtherFiles_Refuses()
    {
        var path = Folder();
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "notes.txt"), "mine");

        var error = Assert.Throws<DatasetFolderException>(() => DatasetFolder.Open(path, DatasetSamples.Identity(), DatasetSamples.Scan()));

        Assert.Contains("is not empty and holds no dataset manifest", error.Message, StringComparison.Ordinal);
        Assert.Equal(["notes.txt"], Directory.GetFiles(path).Select(Path.GetFileName));
    }

    [Fact]
    public void Open_ForeignDatasetJson_Refuses()
    {
        var path = Folder();
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, DatasetManifest.FileName), "{\"name\":\"someone else's\"}");

        var error = Assert.Throws<DatasetFolderException>(() => DatasetFolder.Open(path, DatasetSamples.Identity(), DatasetSamples.Scan()));

        Assert.Contains("is not a ScribeActors dataset manifest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteInstance_RecordCarriesASecretValue_ThrowsNamingTheRecordAndWritesNothingOfIt()
    {
        var path = Folder();
        var folder = DatasetFolder.Open(path, DatasetSamples.Identity(), DatasetSamples.Scan());
        var leaking = DatasetSamples.Records(seed: 0, homePage: TestPages.Number($"<html><body><p>Your password is {DatasetSamples.Password}</p></body></html>"));

        var error = Assert.Throws<SecretLeakException>(() => folder.WriteInstance(new DatasetInstanceKey("supplier.sign-in", "supplier", 0), leaking));

        Assert.StartsWith("Record supplier.sign-in/0/4 (in records/supplier.sign-in/0000.jsonl) would carry the value of the secret 'supplier_password'", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(path, "records")));
        Assert.DoesNotContain(DatasetSamples.Password, File.ReadAllText(Path.Combine(path, DatasetManifest.FileName)), StringComparison.Ordinal);
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
        var path = DatasetSamples.TempFolder();
        _folders.Add(path);
        return path;
    }

    private static DatasetFolder Build(string path)
    {
        var folder = DatasetFolder.Open(path, DatasetSamples.Identity("0-2"), DatasetSamples.Scan());
        foreach (var seed in new[] { 1, 0 })
        {
            var key = new DatasetInstanceKey("supplier.sign-in", "supplier", seed);
            folder.WriteInstance(key, DatasetSamples.Records(seed: seed));
        }

        folder.WriteFailure(new DatasetInstanceKey("supplier.sign-in", "supplier", 2), "selector matched nothing");
        return folder;
    }

    private static Dictionary<string, string> Snapshot(string path) =>
        Directory.GetFiles(path, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(path, f), f => Convert.ToHexString(File.ReadAllBytes(f)), StringComparer.Ordinal);
}
