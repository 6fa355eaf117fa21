using ScribeActors.Abstractions;
using ScribeActors.Browser;
using ScribeActors.IntegrationTests.Infrastructure;
using ScribeActors.Silo;
using ScribeActors.Silo.Hosting;

namespace ScribeActors.IntegrationTests.Workflows;

/// <summary>Bad input gets a clear error naming the problem, and nothing already recorded is lost.</summary>
[Trait("Suite", "Integration"), Trait("Needs", "Azurite,Chromium")]
public sealed class BadInputTests : IAsyncLifetime
{
    private TestSilo _silo = null!;
    private DemoWorld _world = null!;

    public async Task InitializeAsync()
    {
        Requirements.Chromium();
        _world = await DemoWorld.StartAsync(seed: 5);
        _silo = await TestSilo.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _world.DisposeAsync();
    }

    private static RecordedWorkflow OneClick(string startUrl) => new()
    {
        Objective = "click",
        StartUrl = startUrl,
        Steps = [new RecordedStep { Index = 1, Description = "Click \"Sign in\"", Action = StepActions.Click, Signature = new TargetSignature { Tag = "button", Text = "Sign in" } }],
    };

    [Fact]
    public async Task GetAsync_UnknownId_ThrowsNotFoundNamingTheId()
    {
        var e = await Assert.ThrowsAsync<WorkflowNotFoundException>(() => _silo.Client.GetAsync("no-such-workflow"));
        Assert.Contains("no-such-workflow", e.Message);
    }

    [Theory]
    [InlineData("not a url", "not an absolute URL")]
    [InlineData("ftp://127.0.0.1/file", "must use http or https")]
    public async Task StartAsync_BadStartUrl_ThrowsNamingTheUrl(string url, string expected)
    {
        var spec = new WorkflowSpec { Objective = "x", StartUrl = url, StepSource = StepSourceSpec.ForReplay(OneClick("http://127.0.0.1/")) };
        var e = await Assert.ThrowsAsync<InvalidWorkflowSpecException>(() => _silo.Client.StartAsync(spec));
        Assert.Contains(expected, e.Message);
        // The grain enforces the same rule for callers that bypass the SDK's own check.
        var direct = await Assert.ThrowsAsync<InvalidWorkflowSpecException>(() => _silo.Service<IGrainFactory>().GetGrain<IWorkflowGrain>("bad-" + Guid.NewGuid()).StartAsync(spec));
        Assert.Contains(expected, direct.Message);
    }

    [Fact]
    public async Task StartAsync_StartHostOutsideAllowList_Throws()
    {
        var spec = new WorkflowSpec
        {
            Objective = "x",
            StartUrl = "http://127.0.0.1:9/",
            AllowedHosts = ["example.test"],
            StepSource = StepSourceSpec.ForReplay(OneClick("http://127.0.0.1:9/")),
        };
        var e = await Assert.ThrowsAsync<InvalidWorkflowSpecException>(() => _silo.Client.StartAsync(spec));
        Assert.Contains("not in AllowedHosts", e.Message);
    }

    [Fact]
    public async Task Run_GotoOutsideAllowList_FailsWithHostNotAllowed()
    {
        var recording = new RecordedWorkflow
        {
            Objective = "leave",
            StartUrl = _world.Sites.BaseUrl.ToString(),
            Steps = [new RecordedStep { Index = 1, Description = "Go to http://example.test/", Action = StepActions.Goto, Value = "http://example.test/" }],
        };
        var final = await RunAsync(new WorkflowSpec { Objective = "leave", StartUrl = recording.StartUrl, StepSource = StepSourceSpec.ForReplay(recording) });
        Assert.Equal(WorkflowStatus.Failed, final.Status);
        Assert.Contains("HostNotAllowed", final.FailureReason);
        Assert.Contains("example.test", final.FailureReason);
        Assert.Single(final.Steps);
    }

    [Fact]
    public async Task Run_UnreachableSite_FailsAfterBoundedRetriesWithNetworkError()
    {
        var url = $"http://127.0.0.1:{Requirements.FreeTcpPort()}/";
        var final = await RunAsync(new WorkflowSpec { Objective = "nothing there", StartUrl = url, StepSource = StepSourceSpec.ForReplay(OneClick(url)) });
        Assert.Equal(WorkflowStatus.Failed, final.Status);
        Assert.Contains("Could not open the start URL", final.FailureReason);
        Assert.Contains("NavigationError", final.FailureReason);
        Assert.Contains("attempts", final.FailureReason);
    }

    [Fact]
    public async Task Run_TargetGone_FailsNamingTheStepAndTarget()
    {
        var task = _world.Tasks().First(t => t.Site == "supplier");
        var recording = await _world.RecordAsync(_silo.Service<IBrowserHost>(), task);
        // Replay the supplier recording on the expenses site: the sign-in form looks alike (same field names and
        // button), but the supplier pages after it are not there.
        var spec = _world.Spec(task, recording) with { StartUrl = new Uri(_world.Sites.BaseUrl, "expenses/").ToString() };
        var final = await RunAsync(spec);
        Assert.Equal(WorkflowStatus.Failed, final.Status);
        Assert.Matches(@"^Recorded step \d+ \(.+\): target not found on the page\.", final.FailureReason);
        Assert.All(final.Steps.Where(s => s.Action is not null), s => Assert.True(s.Outcome?.Succeeded, $"step {s.Index} before the missing target lost its outcome"));
        Assert.Null(final.Steps[^1].Action);
        Assert.StartsWith("dom/", final.Steps[^1].ObservationRef);
        Assert.Contains("/expenses/", final.FailureReason);
    }

    [Fact]
    public async Task Run_MaxStepsReached_FailsAndKeepsTheSteps()
    {
        var task = _world.Tasks().OrderByDescending(t => t.Script.Count).First();
        var recording = await _world.RecordAsync(_silo.Service<IBrowserHost>(), task);
        var final = await RunAsync(_world.Spec(task, recording, maxSteps: 2));
        Assert.Equal(WorkflowStatus.Failed, final.Status);
        Assert.Contains("step limit of 2", final.FailureReason);
        Assert.Equal(2, final.Steps.Length);
        Assert.All(final.Steps, s => Assert.True(s.Outcome?.Succeeded, $"step {s.Index} lost its outcome"));
    }

    [Fact]
    public async Task StartAsync_SameIdDifferentSpec_ThrowsConflictAndKeepsTheFirst()
    {
        var url = _world.Sites.BaseUrl.ToString();
        var first = new WorkflowSpec { Objective = "first", StartUrl = url, StepSource = StepSourceSpec.ForReplay(OneClick(url)) };
        var id = "dup-" + Guid.NewGuid().ToString("N");
        await _silo.Client.StartAsync(first, id);
        await Assert.ThrowsAsync<WorkflowConflictException>(() => _silo.Client.StartAsync(first with { Objective = "second" }, id));
        Assert.Equal("first", (await _silo.Client.GetAsync(id)).Spec.Objective);
        await _silo.Client.CancelAsync(id);
    }

    [Fact]
    public async Task BuildAsync_StorageUnreachable_ThrowsNamingTheSetting()
    {
        var closed = Requirements.FreeTcpPort();
        var e = await Assert.ThrowsAsync<StorageUnavailableException>(() => ScribeSiloHost.BuildAsync([], new Dictionary<string, string?>
        {
            ["Scribe:Storage:ConnectionString"] = Requirements.AzuriteConnectionString.Replace("10000", closed.ToString()).Replace("10002", closed.ToString()),
        }));
        Assert.Contains("Scribe:Storage:ConnectionString", e.Message);
        Assert.Contains("unreachable", e.Message);
    }

    [Fact]
    public async Task BuildAsync_MalformedConnectionString_ThrowsNamingTheSetting()
    {
        var e = await Assert.ThrowsAsync<StorageUnavailableException>(() => ScribeSiloHost.BuildAsync([], new Dictionary<string, string?>
        {
            ["Scribe:Storage:ConnectionString"] = "this is not a connection string",
        }));
        Assert.Contains("Scribe:Storage:ConnectionString", e.Message);
    }

    [Fact]
    public async Task Run_ChromiumMissing_FailsWithInstallHint()
    {
        await using var silo = await TestSilo.StartAsync(extra: new Dictionary<string, string?> { ["Scribe:Browser:ExecutablePath"] = "/nonexistent/chromium" });
        var url = _world.Sites.BaseUrl.ToString();
        var started = await silo.Client.StartAsync(new WorkflowSpec { Objective = "x", StartUrl = url, StepSource = StepSourceSpec.ForReplay(OneClick(url)) });
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var final = await silo.Client.WaitForCompletionAsync(started.Id, timeout.Token);
        Assert.Equal(WorkflowStatus.Failed, final.Status);
        Assert.Contains("apt-get install", final.FailureReason);
    }

    private async Task<WorkflowSnapshot> RunAsync(WorkflowSpec spec)
    {
        var started = await _silo.Client.StartAsync(spec);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return await _silo.Client.WaitForCompletionAsync(started.Id, timeout.Token);
    }
}
