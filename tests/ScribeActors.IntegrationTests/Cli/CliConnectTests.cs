using ScribeActors.IntegrationTests.Infrastructure;

namespace ScribeActors.IntegrationTests.Cli;

/// <summary>While no silo answers, the CLI says on stderr what it waits for instead of hanging silently.</summary>
[Trait("Suite", "Integration"), Trait("Needs", "Azurite")]
public sealed class CliConnectTests
{
    [Fact]
    public async Task Status_NoSiloInCluster_SaysWhatItWaitsForThenFails()
    {
        await Requirements.AzuriteAsync();
        var cluster = "empty" + Guid.NewGuid().ToString("N")[..10];

        var (code, output, error) = await CliRun.RunAsync(new Dictionary<string, string> { ["Scribe__Client__ServiceId"] = cluster }, "status", "some-id", "--cluster-id", cluster);

        Assert.Equal(2, code);
        Assert.Empty(output.Trim());
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith($"scribe: connecting to cluster '{cluster}': no gateway is listed in the membership table", lines[0]);
        Assert.Contains("error: Could not connect to the ScribeActors cluster", lines[^1]);
    }
}
