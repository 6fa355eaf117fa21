using ScribeActors.IntegrationTests.Infrastructure;
using ScribeActors.Testing;
using Xunit.Abstractions;

namespace ScribeActors.IntegrationTests.Cli;

/// <summary>Right after a silo of the cluster died (kill -9, still listed as active), the CLI never crashes: each
/// command either answers or says the cluster cannot answer right now, with exit code 4.</summary>
[Trait("Suite", "Integration"), Trait("Needs", "Azurite")]
public sealed class CliFailoverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Status_SiloJustKilled_AnswersOrExitsFourNeverCrashes()
    {
        await Requirements.AzuriteAsync();
        var cluster = "clifo" + Guid.NewGuid().ToString("N")[..10];
        // Production failure detection on the survivor: the dead silo stays listed for tens of seconds.
        await using var survivor = await SiloProcess.StartAsync(cluster, cluster, fastFailureDetection: false);
        var victim = await SiloProcess.StartAsync(cluster, cluster, fastFailureDetection: false);
        victim.Kill();
        await victim.DisposeAsync();

        var results = new List<(int Code, string Error)>();
        for (var i = 0; i < 6; i++)
        {
            var (code, _, error) = await CliRun.RunAsync(new Dictionary<string, string> { ["Scribe__Client__ServiceId"] = cluster }, "status", $"fresh-{i}", "--cluster-id", cluster);
            output.WriteLine($"exit {code}: {error.Trim()}");
            results.Add((code, error));
        }

        Assert.All(results, r => Assert.True(r.Code is 2 or 4, $"exit {r.Code}: {r.Error}"));
        Assert.All(results.Where(r => r.Code == 2), r => Assert.Contains("No workflow with id 'fresh-", r.Error));
        Assert.All(results.Where(r => r.Code == 4), r => Assert.Contains("error: the cluster cannot answer right now", r.Error));
        Assert.All(results, r => Assert.DoesNotContain("Unhandled exception", r.Error));
        Assert.Contains(results, r => r.Code == 4);
    }
}
