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

        // The demo sites honour Idempotency-Key and the silos list them (DemoCredentials.SiloSettings): a form post whose
        // browser died on the way is sent again under its key, so there is no window left in which one may be lost.
        Assert.True(rounds.All(r => r.Clean), string.Join("\n\n", rounds.Where(r => !r.Clean).Select(r => r.Describe())));
    }
}
