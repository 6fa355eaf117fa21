using ScribeActors.Abstractions;
using ScribeActors.Agent.Datasets;
using ScribeActors.Browser.Datasets;
using ScribeActors.Browser.Tests.Infrastructure;

namespace ScribeActors.Browser.Tests.Datasets;

/// <summary>Its own site and browser: these tests post notes that the action tests' exact counts must not see.</summary>
[CollectionDefinition(Name)]
public sealed class DatasetCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser: datasets";
}

/// <summary>The dataset builder in a real Chromium against the test site: failures are reported and the build goes on.</summary>
[Collection(DatasetCollection.Name)]
public sealed class DatasetBuilderTests(BrowserFixture fixture) : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), $"dataset-builder-{Guid.NewGuid():N}");

    [Fact]
    public async Task BuildAsync_SolutionFailsOnOneSeedAndCheckOnAnother_BothReportedTheRestBuilt()
    {
        var source = new JournalSource(fixture.Site, brokenSeed: 1, uncheckedSeed: 2);

        var result = await DatasetBuilder.BuildAsync(fixture.Host, source, Request([0, 1, 2, 3]), TimeProvider.System);

        Assert.Equal(4, result.Built);
        Assert.Equal(2, result.Statistics.InstancesBuilt);
        Assert.Equal(["journal.add/1", "journal.add/2"], result.Statistics.Failures.Select(f => f.Instance));
        Assert.StartsWith("the expert solution failed: Step 2 (Click \"Add\"): selector '#missing' matched no element", result.Statistics.Failures[0].Reason, StringComparison.Ordinal);
        Assert.Equal("the server check did not pass: seed 2 is never accepted", result.Statistics.Failures[1].Reason);
        var folder = DatasetFolder.Open(_out, Identity(source), new SecretScan(new Dictionary<string, string>()));
        var records = folder.ReadRecords();
        Assert.Equal(["journal.add/0/1", "journal.add/0/2", "journal.add/0/3", "journal.add/3/1", "journal.add/3/2", "journal.add/3/3"], records.Select(r => r.Id));
        var click = records[1];
        Assert.NotNull(click.GoldNode);
        Assert.Contains($"node=\"{click.GoldNode}\"", click.Observation, StringComparison.Ordinal);
        Assert.StartsWith("<button", click.TargetStep.Target, StringComparison.Ordinal);
        Assert.Equal("Type \"note 0\"", click.PreviousSteps.Single().Description);
    }

    [Fact]
    public async Task BuildAsync_SecretValueOnThePage_StopsNamingTheRecordAndKeepsWhatWasWritten()
    {
        var source = new JournalSource(fixture.Site);
        var secrets = new Dictionary<string, string> { ["journal_title"] = "Journal:" };

        var error = await Assert.ThrowsAsync<SecretLeakException>(() =>
            DatasetBuilder.BuildAsync(fixture.Host, source, Request([0]) with { Secrets = secrets }, TimeProvider.System));

        Assert.StartsWith("Record journal.add/0/1 (in records/journal.add/0000.jsonl) would carry the value of the secret 'journal_title'", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_out, "records/journal.add/0000.jsonl")));
        Assert.True(File.Exists(Path.Combine(_out, DatasetManifest.FileName)));
    }

    [Fact]
    public async Task BuildAsync_UnknownTask_ThrowsNamingTheKnownOnes()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            DatasetBuilder.BuildAsync(fixture.Host, new JournalSource(fixture.Site), Request([0]) with { Tasks = ["journal.ad"] }, TimeProvider.System));

        Assert.StartsWith("Unknown task id 'journal.ad'. Known tasks: journal.add.", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_out));
    }

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    private DatasetBuildRequest Request(int[] seeds) => new() { OutputFolder = _out, Tasks = ["journal.add"], Seeds = seeds };

    private static DatasetIdentity Identity(JournalSource source) => new()
    {
        Source = source.Name,
        Tasks = ["journal.add"],
        Seeds = "0-3",
        ObservationTokens = DatasetSettings.DefaultObservationTokens,
        Fitter = "interactive",
        TokenCounter = new DatasetSettings().TokenCounter.Name,
    };

    /// <summary>One task on the test site's journal: type a note, add it, finish.</summary>
    private sealed class JournalSource(TestSite site, int brokenSeed = -1, int uncheckedSeed = -1) : IDatasetTaskSource
    {
        public string Name => "test-site journal";

        public IReadOnlyList<string> TaskIds => ["journal.add"];

        public Task<DatasetTaskInstance> PrepareAsync(string taskId, int seed, CancellationToken cancellationToken) => Task.FromResult(new DatasetTaskInstance
        {
            Key = new DatasetInstanceKey(taskId, "test-site", seed),
            Objective = $"Add the note 'note {seed}'",
            StartUrl = site.Url("journal"),
            Script =
            [
                new ScriptedStep { Description = $"Type \"note {seed}\"", Action = StepActions.Type, Selector = "#note", Value = $"note {seed}" },
                new ScriptedStep { Description = "Click \"Add\"", Action = StepActions.Click, Selector = seed == brokenSeed ? "#missing" : "#add" },
                new ScriptedStep { Description = "Finish", Action = StepActions.Finish },
            ],
            AllowedHosts = [site.Host],
        });

        public Task<DatasetOutcome> CheckAsync(DatasetTaskInstance instance, CancellationToken cancellationToken) =>
            Task.FromResult(instance.Key.Seed == uncheckedSeed ? new DatasetOutcome(false, "seed 2 is never accepted") : new DatasetOutcome(true, "added"));
    }
}
