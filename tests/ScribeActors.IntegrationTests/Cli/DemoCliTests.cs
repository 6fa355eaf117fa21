using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ScribeActors.IntegrationTests.Infrastructure;
using ScribeActors.Testing;

namespace ScribeActors.IntegrationTests.Cli;

/// <summary>`scribe demo` end to end through the real CLI, on ports chosen by the caller (so it runs beside a silo that
/// holds the default ones): the workflow succeeds and the site's server check confirms it.</summary>
[Trait("Suite", "Integration"), Trait("Needs", "Azurite,Chromium")]
public sealed class DemoCliTests
{
    [Fact]
    public async Task DemoReplay_OnChosenPorts_SucceedsAndTheServerCheckPasses()
    {
        Requirements.Chromium();
        await Requirements.AzuriteAsync();
        var (sites, web, silo, gateway) = (FreePort(), FreePort(), FreePort(), FreePort());

        var (code, stdout, stderr) = await CliRun.RunAsync(null, "demo", "--replay", "--task", "expenses.approve-report", "--seed", "4",
            "--sites-port", $"{sites}", "--web-port", $"{web}", "--silo-port", $"{silo}", "--gateway-port", $"{gateway}");

        Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
        Assert.Contains("Recorded ", stdout, StringComparison.Ordinal);
        Assert.Contains($"Demo sites   http://127.0.0.1:{sites}/", stdout, StringComparison.Ordinal);
        Assert.Contains($"Dashboard    http://127.0.0.1:{web}/dashboard/", stdout, StringComparison.Ordinal);
        Assert.Contains($"Cluster      scribe-demo-{gateway} ", stdout, StringComparison.Ordinal); // its own: demos beside it on one Azurite stay apart
        Assert.Contains("Server check PASSED", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_WithAModel_TheModelDecidesEveryStepAndTheExitFollowsTheServerCheck()
    {
        // The untuned tiny story model cannot do the task: the run is the model's own (no recording), each step is
        // shown, and the exit code says the server check failed. Its steps depend on the page, whose links carry the
        // chosen port: it acts or ends the run at any step.
        Requirements.Chromium();
        await Requirements.AzuriteAsync();
        var (sites, web, silo, gateway) = (FreePort(), FreePort(), FreePort(), FreePort());

        var (code, stdout, stderr) = await CliRun.RunAsync(null, "demo", "--task", "expenses.approve-report", "--seed", "4", "--model", TestModels.Stories260K,
            "--max-steps", "2", "--sites-port", $"{sites}", "--web-port", $"{web}", "--silo-port", $"{silo}", "--gateway-port", $"{gateway}");

        Assert.True(code == 1, $"exit {code}\n{stdout}\n{stderr}");
        Assert.Contains("decides each step (greedy, page grammar), up to 2 steps", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Recorded", stdout, StringComparison.Ordinal);
        Assert.True(Regex.IsMatch(stdout, @"step +1 (ok|FAIL|fail|end)"), $"no step shown:\n{stdout}\n{stderr}");
        Assert.Matches(@"Workflow +(Succeeded|Failed) after [12] steps?", stdout);
        Assert.Contains("Server check FAILED", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_ModelFileMissing_ExitsTwoNamingIt()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-model-{Guid.NewGuid():N}.gguf");

        var (code, _, stderr) = await CliRun.RunAsync(null, "demo", "--model", missing);

        Assert.Equal(2, code);
        Assert.Contains($"--model: {missing} does not exist", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_ReplayWithAModel_ExitsTwoSayingTheyExcludeEachOther()
    {
        var (code, _, stderr) = await CliRun.RunAsync(null, "demo", "--replay", "--model", TestModels.Stories260K);

        Assert.Equal(2, code);
        Assert.Contains("--replay and --model exclude each other", stderr, StringComparison.Ordinal);
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
