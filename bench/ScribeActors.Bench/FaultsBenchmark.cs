using ScribeActors.Abstractions;
using ScribeActors.Testing.Faults;

namespace ScribeActors.Bench;

/// <summary>
/// Many fault rounds (issue 11's "50 random kill -9s"): each round replays every demo task at once on two `scribe silo`
/// processes and an Azurite of their own, and injects one fault drawn at random (kill -9 of the hosting silo, of every
/// silo, of Azurite restarted on the same data, a frozen Azurite, kill -9 of a silo's Chromium) after a random number of
/// steps. A round is clean when every workflow Succeeded, every server check passed, and no form was posted more or less
/// often than in the fault-free round. Target: every round clean, zero duplicated submissions.
/// </summary>
internal static class FaultsBenchmark
{
    private static readonly FaultKind[] Faults =
        [FaultKind.KillHostingSilo, FaultKind.KillEverySilo, FaultKind.RestartAzurite, FaultKind.FreezeAzurite, FaultKind.KillChromium];

    /// <param name="rounds">How many fault rounds.</param>
    /// <param name="seed">Draws the faults and the step after which each lands.</param>
    /// <param name="only">Comma-separated fault kinds to draw from (default: all five), to chase one kind of fault.</param>
    /// <param name="after">Inject every fault after this many steps instead of a number drawn from 1 to 8.</param>
    /// <param name="keepLogs">A folder for the silo logs of every round that was not clean.</param>
    public static async Task<object> RunAsync(int rounds, int seed, string? only = null, int? after = null, string? keepLogs = null)
    {
        var faults = only is null ? Faults : [.. only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Enum.Parse<FaultKind>)];
        var random = new Random(seed);
        await using var world = await FaultWorld.StartAsync(seed: 21, silos: 2, latencyMs: 150, Stats.Log);
        world.KeepLogsIn = keepLogs;
        var patience = TimeSpan.FromMinutes(5);
        var baseline = await world.RunRoundAsync(FaultKind.None, 0, patience);
        var results = new List<FaultRound>();
        for (var i = 0; i < rounds; i++)
        {
            var fault = faults[random.Next(faults.Length)];
            var afterSteps = random.Next(1, 9);
            afterSteps = after ?? afterSteps; // drawn all the same, so a fixed step count keeps the seed's faults
            FaultRound round;
            try
            {
                round = await world.RunRoundAsync(fault, afterSteps, patience);
            }
            catch (TimeoutException e)
            {
                Stats.Log($"round {i + 1}: {fault} after {afterSteps} steps timed out: {e.Message.Split('\n')[0]}");
                results.Add(new FaultRound(fault, afterSteps, [], [$"timed out: {e.Message.Split('\n')[0]}"], new Dictionary<string, int>(), new Dictionary<string, int>(), (0, 0), patience.TotalSeconds));
                continue;
            }

            results.Add(round);
            Stats.Log($"round {i + 1}/{rounds}: {fault} after {afterSteps} steps: {(round.Clean ? "clean" : "NOT clean")}");
        }

        return new
        {
            rounds,
            seed,
            faults = faults.Select(f => f.ToString()),
            baselineClean = baseline.Clean,
            cleanRounds = results.Count(r => r.Clean),
            duplicatedSubmissions = results.Sum(r => r.Duplicated.Values.Sum()),
            lostSubmissions = results.Sum(r => r.Lost.Values.Sum()),
            workflows = results.Sum(r => r.Workflows.Count),
            workflowsSucceeded = results.Sum(r => r.Workflows.Count(w => w.Final.Status == WorkflowStatus.Succeeded)),
            signInsAboveFaultFree = results.Sum(r => Math.Max(0, r.SignIns.Round - r.SignIns.Baseline)),
            sentAgainUnderAKey = new
            {
                answeredAsBefore = results.Sum(r => r.KeyedRepeats?.Replayed ?? 0),
                told409FirstStillRunning = results.Sum(r => r.KeyedRepeats?.InProgress ?? 0),
                told422AnotherRequest = results.Sum(r => r.KeyedRepeats?.Mismatched ?? 0),
                roundsWithA409 = results.Count(r => r.KeyedRepeats?.InProgress > 0),
            },
            byFault = results.GroupBy(r => r.Fault).Select(g => new { fault = g.Key.ToString(), rounds = g.Count(), clean = g.Count(r => r.Clean) }),
            notClean = results.Where(r => !r.Clean).Select(r => r.Describe()).Take(10),
            meanRoundSeconds = Math.Round(results.Average(r => r.Seconds), 1),
        };
    }
}
