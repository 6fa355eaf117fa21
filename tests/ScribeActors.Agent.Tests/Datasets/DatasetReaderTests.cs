using ScribeActors.Agent.Datasets;
using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Tests.Datasets;

public sealed class DatasetReaderTests : IDisposable
{
    private readonly List<string> _folders = [];

    [Fact]
    public void Records_TestSplit_TheWrittenRecordsWithTheirDomsInPlanOrder()
    {
        var path = Built();

        var reader = DatasetReader.Open(path);
        var test = reader.Records("instance", "test");

        Assert.Equal(DatasetSamples.Records(seed: 0).Select(r => r.Id), test.Select(r => r.Id));
        Assert.Equal(DatasetSamples.Records(seed: 0).Select(r => r.Dom), test.Select(r => r.Dom));
        Assert.Equal(DatasetSamples.Records(seed: 0)[2].TargetStep, test[2].TargetStep);
        Assert.Equal(4, reader.Records("instance", "validation").Count);
        Assert.Empty(reader.Records("instance", "train"));
        Assert.Equal(2, reader.Manifest.Instances.Count(i => i.Built));
    }

    [Fact]
    public void Open_NoFolder_NamesItAndHowToBuildOne()
    {
        var path = DatasetSamples.TempFolder();
        var e = Assert.Throws<DatasetFolderException>(() => DatasetReader.Open(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("scribe dataset build", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_BuildNeverFinished_SaysSoInsteadOfReadingHalfADataset()
    {
        var path = Folder();
        var folder = DatasetFolder.Open(path, DatasetSamples.Identity("0-2"), DatasetSamples.Scan());
        folder.WriteInstance(new DatasetInstanceKey("supplier.sign-in", "supplier", 0), DatasetSamples.Records(seed: 0));

        var e = Assert.Throws<DatasetFolderException>(() => DatasetReader.Open(path));
        Assert.Contains("has no splits.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_UnknownSchemeOrSplit_NamesTheOnesThereAre()
    {
        var reader = DatasetReader.Open(Built());

        var scheme = Assert.Throws<DatasetFolderException>(() => reader.Records("random", "test")).Message;
        Assert.Contains("no split scheme 'random'", scheme, StringComparison.Ordinal);
        Assert.All(DatasetSplits.Schemes, name => Assert.Contains(name, scheme, StringComparison.Ordinal));
        Assert.Contains("it has: train, validation, test", Assert.Throws<DatasetFolderException>(() => reader.Records("instance", "dev")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_DamagedRecordFile_NamesTheFileAndLine()
    {
        var path = Built();
        var file = Directory.GetFiles(Path.Combine(path, "records"), "0000.jsonl", SearchOption.AllDirectories).Single();
        var lines = File.ReadAllLines(file);
        lines[1] = "{ not json";
        File.WriteAllLines(file, lines);

        var e = Assert.Throws<DatasetFolderException>(() => DatasetReader.Open(path).Records("instance", "test"));
        Assert.Contains($"{file} line 2 is not a dataset record", e.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (var folder in _folders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private string Built()
    {
        var path = Folder();
        var folder = DatasetFolder.Open(path, DatasetSamples.Identity("0-2"), DatasetSamples.Scan());
        foreach (var seed in new[] { 1, 0 })
        {
            folder.WriteInstance(new DatasetInstanceKey("supplier.sign-in", "supplier", seed), DatasetSamples.Records(seed: seed));
        }

        folder.Finish(2, ApproximateTokenCounter.Instance);
        return path;
    }

    private string Folder()
    {
        var path = DatasetSamples.TempFolder();
        _folders.Add(path);
        return path;
    }
}
