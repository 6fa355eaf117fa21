using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ScribeActors.Abstractions;
using ScribeActors.Browser;
using ScribeActors.Client;
using ScribeActors.Client.Hosting;
using ScribeActors.DemoSites.Tasks;
using ScribeActors.IntegrationTests.Infrastructure;
using ScribeActors.Testing;
using Xunit.Abstractions;

namespace ScribeActors.IntegrationTests.Durability;

/// <summary>
/// Two real `scribe silo` processes on Azurite clustering. Workflows survive `kill -9` of the silo hosting them, and
/// the death of every silo followed by the start of a single new one; no form is submitted twice.
/// </summary>
[Trait("Suite", "Integration"), Trait("Needs", "Azurite,Chromium")]
public sealed class MultiProcessDurabilityTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Workflows_HostingSiloKilled_CompleteOnSurvivor_ThenAllKilled_ResumeOnNewSilo()
    {
        Requirements.Chromium();
        await Requirements.AzuriteAsync();
        var id = "mp" + Guid.NewGuid().ToString("N")[..10];
        await using var world = await DemoWorld.StartAsync(seed: 21);
        var tasks = world.Tasks();
        await using var recorder = DemoSecrets.BrowserHost();
        var recordings = new List<(DemoTask Task, RecordedWorkflow Recording)>();
        foreach (var task in tasks)
        {
            recordings.Add((task, await world.RecordAsync(recorder, task)));
        }

        var a = await SiloProcess.StartAsync(id, id, environment: DemoSecrets.Environment);
        var b = await SiloProcess.StartAsync(id, id, environment: DemoSecrets.Environment);
        var silos = new List<SiloProcess> { a, b };
        try
        {
            using var host = await ConnectAsync(id);
            var client = host.Services.GetRequiredService<ScribeClient>();

            // Round 1: kill -9 the silo hosting the most workflows mid-run. The latency keeps the shortest task (six steps)
            // running until the slowest has started on a busy machine (250 ms let one finish first in a loaded CI run).
            await world.Client.SetLatencyAsync(500);
            var ids = await StartAllAsync(client, world, recordings);
            await WaitUntilAsync(async () => (await Task.WhenAll(ids.Select(i => client.GetAsync(i)))).All(s => s.Steps.Length >= 2), "every workflow took two steps");
            var hosts = await Task.WhenAll(ids.Select(i => client.GetAsync(i)));
            var victim = silos.OrderByDescending(s => hosts.Count(h => h.Silo?.Contains($":{s.SiloPort}:", StringComparison.Ordinal) == true)).First();
            var onVictim = hosts.Count(h => h.Silo?.Contains($":{victim.SiloPort}:", StringComparison.Ordinal) == true);
            output.WriteLine($"killing silo pid {victim.Pid} (port {victim.SiloPort}) hosting {onVictim} of {ids.Count} workflows");
            Assert.True(onVictim > 0, "no workflow was hosted on the silo chosen to die");
            Assert.True(hosts.All(h => !h.IsTerminal), "a workflow finished before the kill; the site latency is too low for this test");
            victim.Kill();
            await AssertAllSucceedAsync(client, world, recordings, ids, silos);

            // Round 2: every silo dies mid-run; one new silo starts and the running workflows resume.
            await world.Client.ResetAsync(world.Seed);
            await world.Client.SetLatencyAsync(250);
            ids = await StartAllAsync(client, world, recordings);
            await WaitUntilAsync(async () => (await Task.WhenAll(ids.Select(i => client.GetAsync(i)))).All(s => s.Steps.Length >= 2), "every workflow took two steps (round 2)");
            foreach (var silo in silos)
            {
                silo.Kill();
            }

            output.WriteLine("killed every silo; starting one new silo");
            silos.Add(await SiloProcess.StartAsync(id, id, siloPort: a.SiloPort, gatewayPort: a.GatewayPort, environment: DemoSecrets.Environment));
            await AssertAllSucceedAsync(client, world, recordings, ids, silos);
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    private static async Task<List<string>> StartAllAsync(ScribeClient client, DemoWorld world, List<(DemoTask Task, RecordedWorkflow Recording)> recordings)
    {
        var ids = new List<string>();
        foreach (var (task, recording) in recordings)
        {
            ids.Add((await client.StartAsync(world.Spec(task, recording))).Id);
        }

        return ids;
    }

    private async Task AssertAllSucceedAsync(ScribeClient client, DemoWorld world, List<(DemoTask Task, RecordedWorkflow Recording)> recordings, List<string> ids, List<SiloProcess> silos)
    {
        using var timeout = new CancellationTokenSource(Patience);
        WorkflowSnapshot[] finals;
        try
        {
            finals = await Task.WhenAll(ids.Select(i => client.WaitForCompletionAsync(i, timeout.Token)));
        }
        catch (OperationCanceledException)
        {
            var logs = string.Join("\n---\n", silos.Select(s => $"silo {s.SiloPort} (exited: {s.HasExited}):\n{s.LogTail}"));
            Assert.Fail($"Workflows did not finish within {Patience.TotalMinutes} min.\n{logs}");
            return;
        }

        var state = await world.Client.GetStateAsync();
        for (var i = 0; i < finals.Length; i++)
        {
            var final = finals[i];
            output.WriteLine($"{final.Id} ({recordings[i].Task.Id}): {final.Status} in {final.Steps.Length} steps, resumed {final.Resumptions}x; notes: {string.Join(" | ", final.Steps.Where(s => s.Note is not null).Select(s => s.Note))}");
            if (final.Status != WorkflowStatus.Succeeded)
            {
                foreach (var s in final.Steps)
                {
                    output.WriteLine($"    {s.Index}: cursor {s.SourceCursor} {s.Action} -> {s.Outcome} at {s.UrlAfter} ({s.Note})");
                }
            }
            Assert.True(final.Status == WorkflowStatus.Succeeded, $"{recordings[i].Task.Id}: {final.Status}: {final.FailureReason}");
            var check = recordings[i].Task.Check(state);
            Assert.True(check.Succeeded, $"{recordings[i].Task.Id}: {check.Reason}");
        }
    }

    private static async Task<IHost> ConnectAsync(string id)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.AddScribeClient(o =>
        {
            o.ClusterId = id;
            o.ServiceId = id;
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition, string what) => Eventually.TrueAsync(condition, what, Patience);
}
