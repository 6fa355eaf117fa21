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
    public async Task BuildAsync_BrowserGoesAwayMidRecording_TheInstanceIsRecordedAgainAndTheBuildGoesOn()
    {
        // A long build outlives its browser (recycled after 500 contexts, seen at instance 506 of a 600-instance build).
        var source = new JournalSource(fixture.Site);
        var host = new BrowserGoesAway(fixture.Host, dieInSession: 2, atAction: 2);
        var progress = new List<string>();

        var result = await DatasetBuilder.BuildAsync(host, source, Request([0, 1, 2, 3]), TimeProvider.System, progress.Add);

        Assert.Equal(4, result.Statistics.InstancesBuilt);
        Assert.Empty(result.Statistics.Failures);
        Assert.Contains(progress, p => p.StartsWith("journal.add/1: the browser went away", StringComparison.Ordinal));
        var records = DatasetFolder.Open(_out, Identity(source), new SecretScan(new Dictionary<string, string>())).ReadRecords();
        Assert.Equal(12, records.Count);
        Assert.Equal(3, records.Count(r => r.Instance == "journal.add/1"));
        Assert.Equal(5, host.Opened);
    }

    /// <summary>The real host, except that the n-th session goes away (as when the browser is recycled) at an action.</summary>
    private sealed class BrowserGoesAway(IBrowserHost inner, int dieInSession, int atAction) : IBrowserHost
    {
        public int Opened { get; private set; }

        public async Task<IBrowserSession> OpenSessionAsync(BrowserSessionOptions options, CancellationToken cancellationToken = default)
        {
            var session = await inner.OpenSessionAsync(options, cancellationToken);
            return ++Opened == dieInSession ? new Dying(session, atAction) : session;
        }

        public Task<BrowserStats> GetStatsAsync(CancellationToken cancellationToken = default) => inner.GetStatsAsync(cancellationToken);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private sealed class Dying(IBrowserSession inner, int atAction) : IBrowserSession
        {
            private int _actions;

            public string Url => inner.Url;

            public Task<Observation> ObserveAsync(bool includeScreenshot = false, CancellationToken cancellationToken = default) => inner.ObserveAsync(includeScreenshot, cancellationToken);

            public Task<byte[]?> ScreenshotAsync(long observationId, CancellationToken cancellationToken = default) => inner.ScreenshotAsync(observationId, cancellationToken);

            public async Task<ActionResult> ExecuteAsync(BrowserAction action, CancellationToken cancellationToken = default)
            {
                if (++_actions == atAction)
                {
                    await inner.DisposeAsync();
                    throw new BrowserUnavailableException("The browser context of this session was closed: the browser was recycled (test).");
                }

                return await inner.ExecuteAsync(action, cancellationToken);
            }

            public Task PrepareAsync(BrowserAction action, CancellationToken cancellationToken = default) => inner.PrepareAsync(action, cancellationToken);

            public Task<int?> ResolveNodeAsync(string selector, CancellationToken cancellationToken = default) => inner.ResolveNodeAsync(selector, cancellationToken);

            public Task<ServerCheckResult> CheckAsync(ServerCheckRequest request, CancellationToken cancellationToken = default) => inner.CheckAsync(request, cancellationToken);

            public Task<BrowserCheckpoint> CheckpointAsync(CancellationToken cancellationToken = default) => inner.CheckpointAsync(cancellationToken);

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
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
