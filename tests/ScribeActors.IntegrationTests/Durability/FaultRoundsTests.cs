using ScribeActors.IntegrationTests.Infrastructure;
using ScribeActors.Testing.Faults;
using Xunit.Abstractions;

namespace ScribeActors.IntegrationTests.Durability;

/// <summary>
/// Black-box fault rounds: real `scribe silo` processes on an Azurite of their own, the demo sites with latency, every demo
/// task replayed at once. Each round injects one fault mid-run (kill -9 of the hosting silo, of every silo, of Azurite
/// restarted on the same data, a frozen Azurite, kill -9 of a silo's Chromium); every workflow must end Succeeded and the
/// sites' server state must equal a fault-free round's: no submission lost, none repeated. The benchmark
/// (`./scribe.sh bench faults`) runs many random rounds.
/// </summary>
[Trait("Suite", "Integration"), Trait("Needs", "Azurite,Chromium")]
public sealed class FaultRoundsTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Rounds_EachFaultMidRun_EveryWorkflowSucceedsAndNoSubmissionIsRepeatedOrLost()
    {
        Requirements.Chromium();
        await using var world = await FaultWorld.StartAsync(seed: 21, silos: 2, latencyMs: 150, output.WriteLine);
        var baseline = await world.RunRoundAsync(FaultKind.None, 0, Patience);
        Assert.True(baseline.Clean, baseline.Describe());

        var rounds = new List<FaultRound>();
        foreach (var (fault, afterSteps) in new[]
        {
            (FaultKind.KillHostingSilo, 3),
            (FaultKind.RestartAzurite, 4),
            (FaultKind.FreezeAzurite, 2),
            (FaultKind.KillChromium, 5),
            (FaultKind.KillEverySilo, 3),
        })
        {
            rounds.Add(await world.RunRoundAsync(fault, afterSteps, Patience));
        }

        // A request recorded as leaving whose silo or browser died in the milliseconds before it left is counted as sent
        // (never repeated) and flagged as uncertain in the step's note; that documented window is reported here, not
        // failed. Anything else (a duplicate, a silent loss, a failed workflow) fails the test.
        foreach (var flagged in rounds.Where(r => !r.Clean && r.CleanButForFlaggedSends))
        {
            output.WriteLine($"within the documented send window: {flagged.Describe()}");
        }

        Assert.True(rounds.All(r => r.Clean || r.CleanButForFlaggedSends), string.Join("\n\n", rounds.Where(r => !r.Clean && !r.CleanButForFlaggedSends).Select(r => r.Describe())));
    }
}
