using System.Text.Json;
using ScribeActors.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ScribeActors.IntegrationTests.Cli;

/// <summary>The real `scribe` binary against a silo: a workflow started from a replay file alone, steering a finished
/// workflow (exit 2 with the reason), and `scribe list` showing only the workflows of its own service id.</summary>
[Trait("Suite", "Integration"), Trait("Needs", "Azurite,Chromium")]
public sealed class CliWorkflowLifecycleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ResumeCancelPause_FinishedWorkflowStartedFromReplayFileAlone_ExitTwoWithTheReason()
    {
        Requirements.Chromium();
        await using var world = await DemoWorld.StartAsync();
        await using var silo = await TestSilo.StartAsync();
        var file = await CliStartInputTests.ReplayFileAsync(new Uri(world.Sites.BaseUrl, "supplier/login").AbsoluteUri);
        var id = "cli-done-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            var started = await Scribe(silo.ServiceId, "start", "--replay", file, "--id", id);
            Assert.True(started.Code == 0, $"start: exit {started.Code}: {started.Error}");
            Assert.Equal(id, started.Output.Trim());
            var watched = await Scribe(silo.ServiceId, "watch", id);
            Assert.True(watched.Code == 0, $"watch: exit {watched.Code}: {watched.Output}{watched.Error}");

            var status = await Scribe(silo.ServiceId, "status", id, "--json");
            using var snapshot = JsonDocument.Parse(status.Output);
            Assert.Equal("Open the portal", snapshot.RootElement.GetProperty("spec").GetProperty("objective").GetString());
            Assert.Equal("Succeeded", snapshot.RootElement.GetProperty("status").GetString());

            foreach (var command in new[] { "resume", "cancel", "pause" })
            {
                var (code, stdout, error) = await Scribe(silo.ServiceId, command, id);
                Assert.True(code == 2, $"{command}: exit {code}: {stdout}{error}");
                Assert.Contains($"error: Workflow '{id}' already finished: Succeeded", error, StringComparison.Ordinal);
                Assert.Contains($"There is nothing to {command}; start it again with `scribe start`.", error, StringComparison.Ordinal);
                Assert.Empty(stdout.Trim());
            }

            // Nothing changed: the workflow is still the one that succeeded.
            Assert.Equal("Succeeded", (await silo.Client.GetAsync(id)).Status.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task List_TwoServicesSharingOneStateContainer_EachListsOnlyItsOwnWorkflows()
    {
        Requirements.Chromium();
        await using var world = await DemoWorld.StartAsync();
        var container = new Dictionary<string, string?> { ["Scribe:Storage:StateContainer"] = "shared-" + Guid.NewGuid().ToString("N")[..10] };
        await using var first = await TestSilo.StartAsync(extra: container);
        await using var second = await TestSilo.StartAsync(extra: container);
        var file = await CliStartInputTests.ReplayFileAsync(new Uri(world.Sites.BaseUrl, "supplier/login").AbsoluteUri);
        try
        {
            var mine = await Scribe(first.ServiceId, "start", "--replay", file, "--id", "svc-first-" + Guid.NewGuid().ToString("N")[..8]);
            var theirs = await Scribe(second.ServiceId, "start", "--replay", file, "--id", "svc-second-" + Guid.NewGuid().ToString("N")[..8]);
            Assert.True(mine.Code == 0 && theirs.Code == 0, $"start: {mine.Error}{theirs.Error}");
            Assert.Equal(0, (await Scribe(first.ServiceId, "watch", mine.Output.Trim())).Code);
            Assert.Equal(0, (await Scribe(second.ServiceId, "watch", theirs.Output.Trim())).Code);

            var listedFirst = await ListedIdsAsync(first.ServiceId);
            var listedSecond = await ListedIdsAsync(second.ServiceId);

            Assert.Equal([mine.Output.Trim()], listedFirst);
            Assert.Equal([theirs.Output.Trim()], listedSecond);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<string[]> ListedIdsAsync(string serviceId)
    {
        var (code, stdout, error) = await Scribe(serviceId, "list", "--json");
        Assert.True(code == 0, $"list: exit {code}: {error}");
        using var list = JsonDocument.Parse(stdout);
        return [.. list.RootElement.EnumerateArray().Select(w => w.GetProperty("id").GetString()!)];
    }

    /// <summary>Runs `scribe` against the test silo of <paramref name="serviceId"/> (its cluster id is the same).</summary>
    private async Task<(int Code, string Output, string Error)> Scribe(string serviceId, params string[] args)
    {
        var result = await CliRun.RunAsync(new Dictionary<string, string> { ["Scribe__Client__ServiceId"] = serviceId }, [.. args, "--cluster-id", serviceId]);
        output.WriteLine($"scribe {string.Join(' ', args)}: exit {result.Code}\n{result.Output}{result.Error}");
        return result;
    }
}
