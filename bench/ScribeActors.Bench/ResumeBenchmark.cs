using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ScribeActors.Abstractions;
using ScribeActors.Browser;
using ScribeActors.Browser.Recording;
using ScribeActors.Client;
using ScribeActors.Client.Hosting;
using ScribeActors.DemoSites;
using ScribeActors.DemoSites.Tasks;
using ScribeActors.Testing;

namespace ScribeActors.Bench;

/// <summary>
/// Two `scribe silo` processes on Azurite clustering; a replay workflow runs on a slow site; the silo hosting it is
/// killed with SIGKILL; resume latency = time from the kill until the workflow completes its next step on the survivor.
/// The killed silo is started again before the next trial.
/// </summary>
internal static class ResumeBenchmark
{
    public static async Task<object> RunAsync(int trials)
    {
        var id = "resume" + Guid.NewGuid().ToString("N")[..8];
        await using var sites = await DemoSitesApp.StartAsync("http://127.0.0.1:0", 3);
        using var http = new HttpClient();
        var siteClient = new DemoSitesClient(http, sites.BaseUrl);
        var task = DemoTaskCatalog.Get(sites.BaseUrl, 3, "supplier.dispute-invoice");
        RecordedWorkflow recording;
        await using (var recorder = DemoSecrets.BrowserHost())
        {
            await siteClient.ResetAsync(3);
            recording = await recorder.RecordAsync(task.Objective, task.StartUrl, task.Script, [HostPattern.Of(sites.BaseUrl)]);
        }

        var silos = new List<SiloProcess> { await SiloProcess.StartAsync(id, id, environment: DemoSecrets.Environment), await SiloProcess.StartAsync(id, id, environment: DemoSecrets.Environment) };
        var latencies = new List<double>();
        var detail = new List<object>();
        try
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            builder.AddScribeClient(o =>
            {
                o.ClusterId = id;
                o.ServiceId = id;
            });
            using var host = builder.Build();
            await host.StartAsync();
            var client = host.Services.GetRequiredService<ScribeClient>();
            for (var trial = 0; trial < trials; trial++)
            {
                await siteClient.ResetAsync(3);
                await siteClient.SetLatencyAsync(300);
                var started = await client.StartAsync(new WorkflowSpec
                {
                    Objective = task.Objective,
                    StartUrl = task.StartUrl,
                    AllowedHosts = [HostPattern.Of(sites.BaseUrl)],
                    MaxSteps = 40,
                    StepSource = StepSourceSpec.ForReplay(recording),
                });
                WorkflowSnapshot snapshot;
                do
                {
                    await Task.Delay(50);
                    snapshot = await client.GetAsync(started.Id);
                }
                while (snapshot.Steps.Count(s => s.Phase == StepPhase.Done) < 3);

                var victim = silos.First(s => snapshot.Silo?.Contains($":{s.SiloPort}:", StringComparison.Ordinal) == true);
                var doneBefore = snapshot.Steps.Count(s => s.Phase == StepPhase.Done);
                victim.Kill();
                var killedAt = DateTimeOffset.UtcNow;
                DateTimeOffset? progressedAt = null;
                while (progressedAt is null && DateTimeOffset.UtcNow - killedAt < TimeSpan.FromMinutes(2))
                {
                    try
                    {
                        snapshot = await client.GetAsync(started.Id);
                        progressedAt = snapshot.Steps.Where(s => s.Phase == StepPhase.Done && s.Action is not null && s.FinishedAt > killedAt && s.Outcome is { Succeeded: true })
                            .Select(s => s.FinishedAt).Min();
                    }
                    catch (Exception)
                    {
                        // The gateway may be the dead silo; the client moves to the survivor.
                    }

                    await Task.Delay(50);
                }

                var latency = progressedAt is null ? double.NaN : (progressedAt.Value - killedAt).TotalSeconds;
                latencies.Add(latency);
                detail.Add(new { trial = trial + 1, killedPid = victim.Pid, stepsDoneBeforeKill = doneBefore, resumeSeconds = Math.Round(latency, 2) });
                Stats.Log($"resume trial {trial + 1}/{trials}: {latency:F2} s");
                using var finish = new CancellationTokenSource(TimeSpan.FromMinutes(3));
                var final = await client.WaitForCompletionAsync(started.Id, finish.Token);
                if (final.Status != WorkflowStatus.Succeeded)
                {
                    throw new InvalidOperationException($"Trial {trial + 1}: workflow {final.Status}: {final.FailureReason}");
                }

                silos.Remove(victim);
                await victim.DisposeAsync();
                silos.Add(await SiloProcess.StartAsync(id, id, siloPort: victim.SiloPort, gatewayPort: victim.GatewayPort, environment: DemoSecrets.Environment));
            }
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }

        return new
        {
            trials,
            medianSeconds = Stats.Percentile(latencies, 50),
            maxSeconds = Math.Round(latencies.Max(), 2),
            target = new { maxSeconds = 20 },
            siteLatencyMs = 300,
            definition = "time from SIGKILL of the silo hosting the workflow until the workflow completes its next action on the surviving silo (fast failure detection: probe 1 s, 2 missed probes, 1 vote)",
            detail,
        };
    }
}
