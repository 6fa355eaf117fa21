using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using ScribeActors.Abstractions;
using ScribeActors.IntegrationTests.Infrastructure;
using ScribeActors.Testing;
using Xunit.Abstractions;

namespace ScribeActors.IntegrationTests.Cli;

/// <summary>Right after a silo of the cluster died (kill -9, still listed as active), the CLI never crashes: a command
/// about a workflow that lived there says the cluster cannot answer right now (exit code 4); others answer.</summary>
[Trait("Suite", "Integration"), Trait("Needs", "Azurite,Chromium")]
public sealed class CliFailoverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Status_WorkflowOnSiloJustKilled_ExitsFourNeverCrashes()
    {
        Requirements.Chromium();
        var cluster = "clifo" + Guid.NewGuid().ToString("N")[..10];
        // The survivor (in this process) suspects a silo only after a minute of missed probes, so the dead silo stays
        // listed as active while the commands run, however slow the machine.
        await using var survivor = await TestSilo.StartAsync(cluster, configure: b => b.Services.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(10);
            o.NumMissedProbesLimit = 6;
        }));
        var victim = await SiloProcess.StartAsync(cluster, cluster, fastFailureDetection: false);
        var onVictim = new List<string>();
        await using (var sdk = await ExternalClient.ConnectAsync(cluster))
        {
            for (var i = 0; i < 16 && onVictim.Count < 3; i++)
            {
                var started = await sdk.Client.StartAsync(new WorkflowSpec
                {
                    Objective = "x",
                    StartUrl = "http://127.0.0.1:9/",
                    StepSource = StepSourceSpec.ForReplay(new RecordedWorkflow
                    {
                        Objective = "x",
                        StartUrl = "http://127.0.0.1:9/",
                        Steps = [new RecordedStep { Index = 1, Description = "Done", Action = StepActions.Finish }],
                    }),
                }, $"{cluster}-wf{i}");
                if (started.Silo?.Contains($":{victim.SiloPort}:", StringComparison.Ordinal) == true)
                {
                    onVictim.Add(started.Id);
                }
            }
        }

        Assert.True(onVictim.Count > 0, "no workflow was placed on the silo chosen to die");
        victim.Kill();
        await victim.DisposeAsync();

        var results = new List<(string Id, int Code, string Error)>();
        foreach (var id in onVictim.Concat(["fresh-0", "fresh-1"]))
        {
            var (code, _, error) = await CliRun.RunAsync(new Dictionary<string, string> { ["Scribe__Client__ServiceId"] = cluster }, "status", id, "--cluster-id", cluster);
            output.WriteLine($"{id}: exit {code}: {error.Trim()}");
            results.Add((id, code, error));
        }

        Assert.All(results, r => Assert.DoesNotContain("Unhandled exception", r.Error));
        Assert.All(results, r => Assert.True(r.Code is 0 or 2 or 4, $"{r.Id}: exit {r.Code}: {r.Error}"));
        Assert.All(results.Where(r => r.Code == 4), r => Assert.Contains("error: the cluster cannot answer right now", r.Error));
        Assert.All(results.Where(r => r.Code == 2), r => Assert.Contains($"No workflow with id '{r.Id}' exists.", r.Error));
        Assert.All(results.Take(onVictim.Count), r => Assert.True(r.Code == 4, $"{r.Id} lived on the dead silo but exited {r.Code}: {r.Error}"));
    }
}
