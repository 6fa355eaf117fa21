using System.Diagnostics;
using Azure.Data.Tables;
using ScribeActors.Abstractions;
using ScribeActors.Testing;

namespace ScribeActors.Bench;

/// <summary>
/// Wall time of `scribe status unknown-id` (the real CLI process: start, connect, one grain call, report, exit) against
/// a running local cluster, for the current build and, with --baseline-cli, an older scribe.dll in the same run:
/// <list type="bullet">
/// <item>healthy: one live silo;</item>
/// <item>deadGateway: a second silo was just killed (kill -9) and is still listed as active in the membership table,
/// as after any crash, until the survivor declares it dead (production failure detection, tens of seconds); a fresh
/// victim per cycle, both CLIs run once per cycle in alternating order;</item>
/// <item>noSilo: a cluster id with no silo: how long until the CLI says on stderr what it waits for, and when it gives up.</item>
/// </list>
/// </summary>
internal static class CliConnectBenchmark
{
    public static async Task<object> RunAsync(int runs, string? baselineCli)
    {
        var arms = new List<(string Name, string Dll)>();
        if (baselineCli is not null)
        {
            arms.Add(("baseline", Path.GetFullPath(baselineCli)));
        }

        arms.Add(("current", SiloProcess.CliPath()));
        var id = "cliconnect" + Guid.NewGuid().ToString("N")[..8];
        var healthy = arms.ToDictionary(a => a.Name, _ => new List<double>());
        var dead = arms.ToDictionary(a => a.Name, _ => new List<double>());
        var stillListed = new List<bool>();
        var outcomes = arms.ToDictionary(a => a.Name, _ => new List<string>());
        await using var live = await SiloProcess.StartAsync(id, id, fastFailureDetection: false);
        Stats.Log($"cli-connect: silo up on gateway {live.GatewayPort}");

        for (var run = 0; run < runs; run++)
        {
            foreach (var (name, dll) in Alternate(arms, run))
            {
                healthy[name].Add((await StatusAsync(dll, id)).Seconds);
            }
        }

        for (var cycle = 0; cycle < runs; cycle++)
        {
            await using var victim = await SiloProcess.StartAsync(id, id, fastFailureDetection: false);
            await WaitUntilActiveAsync(id, victim.SiloPort);
            victim.Kill();
            foreach (var (name, dll) in Alternate(arms, cycle))
            {
                var result = await StatusAsync(dll, id);
                dead[name].Add(result.Seconds);
                outcomes[name].Add(result.ExitCode switch
                {
                    2 when result.LastErrorLine?.Contains("No workflow", StringComparison.Ordinal) == true => "not-found (the answer)",
                    4 => "unavailable (exit 4)",
                    _ => $"exit {result.ExitCode}: {result.LastErrorLine}",
                });
            }

            stillListed.Add(await IsListedActiveAsync(id, victim.SiloPort));
            Stats.Log($"cli-connect: dead-gateway cycle {cycle + 1}: {string.Join(", ", dead.Select(d => $"{d.Key} {d.Value[^1]:F2} s"))}; victim still listed: {stillListed[^1]}");
        }

        var noSilo = new Dictionary<string, object>();
        foreach (var (name, dll) in arms)
        {
            var result = await StatusAsync(dll, "nosilo" + Guid.NewGuid().ToString("N")[..8]);
            noSilo[name] = new { seconds = Round(result.Seconds), result.ExitCode, firstStderrAfterSeconds = result.FirstErrorLineAt is { } t ? Round(t) : (double?)null, firstStderrLine = result.FirstErrorLine };
        }

        return new
        {
            command = "dotnet scribe.dll status <unknown-id> --cluster-id <id>",
            runs,
            healthy = Summaries(healthy),
            deadGateway = new { summary = Summaries(dead), outcomes, victimStillListedAfterCycle = stillListed },
            noSilo,
        };
    }

    private static IEnumerable<(string Name, string Dll)> Alternate(List<(string Name, string Dll)> arms, int run) =>
        run % 2 == 0 ? arms : Enumerable.Reverse(arms);

    private static Dictionary<string, object> Summaries(Dictionary<string, List<double>> samples)
    {
        var result = samples.ToDictionary(s => s.Key, s => (object)new
        {
            medianSeconds = Stats.Percentile(s.Value, 50),
            meanSeconds = Round(s.Value.Average()),
            maxSeconds = Round(s.Value.Max()),
            samples = s.Value.Select(Round).ToArray(),
        });
        if (samples.TryGetValue("baseline", out var baseline) && samples.TryGetValue("current", out var current))
        {
            result["ratioCurrentToBaselineMean"] = Round(current.Average() / baseline.Average());
        }

        return result;
    }

    private static double Round(double value) => Math.Round(value, 2);

    private static async Task<(double Seconds, int ExitCode, double? FirstErrorLineAt, string? FirstErrorLine, string? LastErrorLine)> StatusAsync(string dll, string clusterId)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { dll, "status", "bench-unknown-id", "--cluster-id", clusterId })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Scribe__Client__ServiceId"] = clusterId;
        start.Environment.Remove(ScribeApiKey.EnvironmentVariable);
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        double? firstAt = null;
        string? firstLine = null;
        string? lastLine = null;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not { Length: > 0 } line)
            {
                return;
            }

            if (firstLine is null)
            {
                firstAt = clock.Elapsed.TotalSeconds;
                firstLine = line;
            }

            if (!line.StartsWith("   at ", StringComparison.Ordinal) && !line.StartsWith("---", StringComparison.Ordinal))
            {
                lastLine = line.Length > 160 ? line[..160] : line;
            }
        };
        process.Start();
        process.BeginErrorReadLine();
        _ = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        process.WaitForExit(); // drains the stderr callbacks
        return (seconds, process.ExitCode, firstAt, firstLine, lastLine);
    }

    private static async Task WaitUntilActiveAsync(string clusterId, int siloPort)
    {
        var deadline = Stopwatch.StartNew();
        while (!await IsListedActiveAsync(clusterId, siloPort))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"the silo on port {siloPort} did not become active in the membership table within 60 s");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Whether the membership table lists the silo on <paramref name="siloPort"/> as Active.</summary>
    private static async Task<bool> IsListedActiveAsync(string clusterId, int siloPort)
    {
        var table = new TableClient(AzuriteDefaults.ConnectionString, "OrleansSiloInstances");
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == clusterId))
        {
            if (row.GetString("Port") == siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture) && row.GetString("Status") == "Active")
            {
                return true;
            }
        }

        return false;
    }
}
