using ScribeActors.IntegrationTests.Infrastructure;
using ScribeActors.Testing;

namespace ScribeActors.IntegrationTests.Cli;

/// <summary>The real `scribe` binary against a real `scribe silo` process that has API keys: --api-key and
/// SCRIBE_API_KEY pass the key through the gateway; without it, or with a wrong one, every command says
/// "unauthorized", exits 3 and changes nothing.</summary>
[Trait("Suite", "Integration"), Trait("Needs", "Azurite")]
public sealed class CliApiKeyTests(CliApiKeyTests.KeyedSiloProcess cluster) : IClassFixture<CliApiKeyTests.KeyedSiloProcess>
{
    private const string Key = KeyedSiloProcess.Key;
    private readonly string _cluster = cluster.ClusterId;

    [Fact]
    public async Task ScheduleAdd_ReplayOnly_TakesTheObjectiveAndStartUrlFromTheFile_ARelativeOneIsNamed()
    {
        var file = Path.Combine(Path.GetTempPath(), $"replay-{Guid.NewGuid():N}.json");
        var relative = Path.Combine(Path.GetTempPath(), $"replay-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, "{\"objective\":\"Download the newest invoice\",\"startUrl\":\"http://127.0.0.1:9/supplier/login\",\"steps\":[{\"description\":\"Done\",\"action\":\"finish_action\"}]}");
        await File.WriteAllTextAsync(relative, "{\"objective\":\"x\",\"startUrl\":\"/supplier/login\",\"steps\":[{\"description\":\"Done\",\"action\":\"finish_action\"}]}");
        var id = "cli-sched-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            var added = await ScribeAsync(Key, "schedule", "add", id, "--cron", "0 7 * * MON-FRI", "--replay", file);
            Assert.True(added.Code == 0, $"exit {added.Code}: {added.Error}");
            using var http = ApiHttp.Client(new Uri($"http://127.0.0.1:{cluster.WebPort}/"), Key);
            var stored = await http.GetStringAsync($"/api/schedules/{id}");
            Assert.Contains("Download the newest invoice", stored, StringComparison.Ordinal);
            Assert.Contains("http://127.0.0.1:9/supplier/login", stored, StringComparison.Ordinal);

            var refused = await ScribeAsync(Key, "schedule", "add", id + "-rel", "--cron", "0 7 * * *", "--replay", relative);
            Assert.True(refused.Code == 2, $"exit {refused.Code}: {refused.Error}");
            Assert.Contains("is not an absolute URL", refused.Error, StringComparison.Ordinal);
            Assert.True((await ScribeAsync(Key, "schedule", "remove", id)).Code == 0);
        }
        finally
        {
            File.Delete(file);
            File.Delete(relative);
        }
    }

    /// <summary>Runs scribe against this cluster, with SCRIBE_API_KEY set to <paramref name="environmentKey"/> when given.</summary>
    private Task<(int Code, string Output, string Error)> ScribeAsync(string? environmentKey, params string[] args)
    {
        var environment = new Dictionary<string, string> { ["Scribe__Client__ServiceId"] = _cluster };
        if (environmentKey is not null)
        {
            environment["SCRIBE_API_KEY"] = environmentKey;
        }

        return CliRun.RunAsync(environment, [.. args, "--cluster-id", _cluster]);
    }

    [Fact]
    public async Task Status_NoKey_ExitsThreeSayingUnauthorized()
    {
        var (code, output, error) = await ScribeAsync(null, "status", "no-such-workflow");

        Assert.True(code == 3, $"exit {code}: {error}");
        Assert.Empty(output.Trim());
        Assert.Contains("unauthorized: the cluster requires an API key; set --api-key / SCRIBE_API_KEY", error);
    }

    [Fact]
    public async Task Status_WrongKey_ExitsThreeSayingRejected()
    {
        var (code, _, error) = await ScribeAsync(null, "status", "no-such-workflow", "--api-key", "wrong-key-0123456789abcdef");

        Assert.True(code == 3, $"exit {code}: {error}");
        Assert.Contains("unauthorized: the cluster rejected the API key", error);
    }

    [Fact]
    public async Task Status_KeyByOptionOrEnvironment_ReachesTheCluster()
    {
        var byOption = await ScribeAsync(null, "status", "no-such-workflow", "--api-key", Key);
        Assert.True(byOption.Code == 2, $"exit {byOption.Code}: {byOption.Error}");
        Assert.Contains("No workflow with id 'no-such-workflow' exists.", byOption.Error);

        var byEnvironment = await ScribeAsync(Key, "status", "no-such-workflow");
        Assert.True(byEnvironment.Code == 2, $"exit {byEnvironment.Code}: {byEnvironment.Error}");
        Assert.Contains("No workflow with id 'no-such-workflow' exists.", byEnvironment.Error);

        var list = await ScribeAsync(Key, "schedule", "list");
        Assert.True(list.Code == 0, $"exit {list.Code}: {list.Error}");
    }

    [Fact]
    public async Task Start_NoKey_CreatesNothing()
    {
        var file = Path.Combine(Path.GetTempPath(), $"replay-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, "{\"objective\":\"x\",\"startUrl\":\"http://127.0.0.1:9/\",\"steps\":[{\"description\":\"Done\",\"action\":\"finish_action\"}]}");
        var id = "cli-start-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            var (code, output, error) = await ScribeAsync(null, "start", "--objective", "x", "--url", "http://127.0.0.1:9/", "--replay", file, "--id", id);
            Assert.True(code == 3, $"exit {code}: {error}");
            Assert.DoesNotContain(id, output);

            var status = await ScribeAsync(null, "status", id, "--api-key", Key);
            Assert.True(status.Code == 2, $"exit {status.Code}: {status.Error}");
            Assert.Contains($"No workflow with id '{id}' exists.", status.Error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>One `scribe silo` process with an API key, shared by the tests of the class.</summary>
    public sealed class KeyedSiloProcess : IAsyncLifetime
    {
        public const string Key = "cli-key-0123456789abcdef";
        private SiloProcess _silo = null!;

        public string ClusterId { get; } = "cli" + Guid.NewGuid().ToString("N")[..10];

        public async Task InitializeAsync()
        {
            await Requirements.AzuriteAsync();
            _silo = await SiloProcess.StartAsync(ClusterId, ClusterId, environment: new Dictionary<string, string> { ["Scribe__Auth__ApiKeys"] = Key });
        }

        public int WebPort => _silo.WebPort;

        public async Task DisposeAsync() => await _silo.DisposeAsync();
    }
}
