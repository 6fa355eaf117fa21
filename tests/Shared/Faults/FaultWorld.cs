using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ScribeActors.Abstractions;
using ScribeActors.Browser.Recording;
using ScribeActors.Client;
using ScribeActors.Client.Hosting;
using ScribeActors.DemoSites;
using ScribeActors.DemoSites.State;
using ScribeActors.DemoSites.Tasks;

namespace ScribeActors.Testing.Faults;

/// <summary>
/// A black-box cluster for fault rounds: its own Azurite (persisting to disk, so it can be killed and restarted on the
/// same data), real `scribe silo` processes, the demo sites with latency, and every demo task recorded once. A round starts
/// every task as a replay workflow, injects one fault once each workflow has taken some steps, waits for all to finish,
/// and compares the sites' server state with a fault-free round.
/// </summary>
public sealed class FaultWorld : IAsyncDisposable
{
    private static readonly HashSet<string> SignInForms = [FormNames.SupplierLogin, FormNames.ExpensesLogin];
    private readonly HttpClient _http = new();
    private readonly List<SiloProcess> _silos = [];
    private readonly Action<string> _log;
    private readonly int _latencyMs;
    private readonly Dictionary<SiloProcess, int> _roundLogs = [];
    private readonly List<(int Round, string Task, string Id, WorkflowSnapshot Final)> _ended = [];
    private IReadOnlyDictionary<string, int>? _baseline;
    private int _rounds;

    private FaultWorld(AzuriteProcess azurite, RunningDemoSites sites, string clusterId, int seed, int latencyMs, Action<string> log)
    {
        Azurite = azurite;
        Sites = sites;
        ClusterId = clusterId;
        Seed = seed;
        _latencyMs = latencyMs;
        _log = log;
        SiteClient = new DemoSitesClient(_http, sites.BaseUrl);
    }

    public AzuriteProcess Azurite { get; }

    public RunningDemoSites Sites { get; }

    public DemoSitesClient SiteClient { get; }

    public string ClusterId { get; }

    public int Seed { get; }

    public IReadOnlyList<SiloProcess> Silos => _silos;

    /// <summary>Where the logs of every silo that took part in a round that was not clean are written (one file per
    /// silo, killed ones included, from the round's start); none are kept when null.</summary>
    public string? KeepLogsIn { get; set; }

    public IReadOnlyList<(DemoTask Task, RecordedWorkflow Recording)> Work { get; private set; } = [];

    private IHost ClientHost { get; set; } = null!;

    public ScribeClient Client => ClientHost.Services.GetRequiredService<ScribeClient>();

    /// <param name="seed">The demo data seed.</param>
    /// <param name="silos">How many silos run at once.</param>
    /// <param name="latencyMs">The sites' latency per page request.</param>
    /// <param name="log">Where progress goes.</param>
    public static async Task<FaultWorld> StartAsync(int seed, int silos, int latencyMs, Action<string> log)
    {
        var azurite = await AzuriteProcess.StartAsync();
        var sites = await DemoSitesApp.StartAsync("http://127.0.0.1:0", seed);
        var id = "f" + Guid.NewGuid().ToString("N")[..10];
        var world = new FaultWorld(azurite, sites, id, seed, latencyMs, log);
        try
        {
            await world.RecordAllAsync();
            for (var i = 0; i < silos; i++)
            {
                await world.StartSiloAsync();
            }

            world.ClientHost = await world.ConnectAsync();
            return world;
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs one round: every task as a replay workflow, <paramref name="fault"/> injected once each workflow took
    /// <paramref name="afterSteps"/> steps (or finished), then waits for all of them (at most <paramref name="patience"/>).</summary>
    public async Task<FaultRound> RunRoundAsync(FaultKind fault, int afterSteps, TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        _rounds++;
        _roundLogs.Clear();
        foreach (var silo in _silos)
        {
            _roundLogs[silo] = silo.LogLength;
        }

        await SiteClient.ResetAsync(Seed);
        await SiteClient.SetLatencyAsync(_latencyMs);
        var ids = new List<string>();
        foreach (var (task, recording) in Work)
        {
            ids.Add((await Client.StartAsync(Spec(task, recording))).Id);
        }

        if (fault != FaultKind.None)
        {
            await Eventually.TrueAsync(async () => (await Task.WhenAll(ids.Select(id => Client.GetAsync(id)))).All(s => s.IsTerminal || s.Steps.Length >= afterSteps),
                $"every workflow took {afterSteps} steps", patience);

            // The moment the last workflow wrote its step's intent is the very start of its action; a crash can come at
            // any moment of a step, so the fault lands a little later, at a point drawn from the seed.
            var jitter = new Random((Seed * 7919) + ((int)fault * 131) + afterSteps).Next(0, 1000);
            _log($"{fault} {jitter} ms after every workflow took {afterSteps} steps");
            await Task.Delay(jitter);
            await InjectAsync(fault, ids);
        }

        using var timeout = new CancellationTokenSource(patience);
        WorkflowSnapshot[] finals;
        try
        {
            finals = await Task.WhenAll(ids.Select(id => Client.WaitForCompletionAsync(id, timeout.Token)));
        }
        catch (OperationCanceledException)
        {
            var logs = string.Join("\n---\n", _silos.Select(s => $"silo {s.SiloPort} (exited: {s.HasExited}):\n{s.LogTail}"));
            throw new TimeoutException($"{fault}: workflows did not finish within {patience.TotalMinutes:F0} min.\n{logs}");
        }

        var state = await SiteClient.GetStateAsync();
        var failedChecks = await CameBackAsync();
        for (var i = 0; i < finals.Length; i++)
        {
            var check = Work[i].Task.Check(state);
            if (!check.Succeeded)
            {
                failedChecks.Add($"{Work[i].Task.Id}: {check.Reason}");
            }
        }

        var submissions = FormNames.All.ToDictionary(f => f, state.SubmissionCount, StringComparer.Ordinal);
        if (fault == FaultKind.None)
        {
            _baseline = submissions;
        }

        var baseline = _baseline ?? throw new InvalidOperationException("Run a fault-free round (FaultKind.None) first: it is what fault rounds are compared with.");
        var duplicated = new Dictionary<string, int>(StringComparer.Ordinal);
        var lost = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var form in FormNames.All.Where(f => !SignInForms.Contains(f)))
        {
            var delta = submissions[form] - baseline[form];
            if (delta > 0)
            {
                duplicated[form] = delta;
            }
            else if (delta < 0)
            {
                lost[form] = -delta;
            }
        }

        _ended.AddRange(finals.Select((f, i) => (_rounds, Work[i].Task.Id, f.Id, f)));
        var round = new FaultRound(
            fault,
            afterSteps,
            [.. Work.Select((w, i) => (w.Task.Id, finals[i]))],
            failedChecks,
            duplicated,
            lost,
            (SignInForms.Sum(f => submissions[f]), SignInForms.Sum(f => baseline[f])),
            clock.Elapsed.TotalSeconds,
            state.KeyedRepeats);
        _log(round.Describe());
        if (!round.Clean)
        {
            KeepRoundLogs(round);
        }

        return round;
    }

    /// <summary>Workflows of earlier rounds that are no longer as they ended: storage lost an ending and a later
    /// activation took the workflow up again (its steps would land on this round's sites).</summary>
    private async Task<List<string>> CameBackAsync()
    {
        var now = await Task.WhenAll(_ended.Select(e => Client.GetAsync(e.Id)));
        var cameBack = new List<string>();
        for (var i = 0; i < _ended.Count; i++)
        {
            var (round, task, id, final) = _ended[i];
            if (now[i].Status != final.Status || now[i].Steps.Length != final.Steps.Length)
            {
                cameBack.Add($"{task} of round {round} came back after it ended: {final.Status} in {final.Steps.Length} steps, now {now[i].Status} in {now[i].Steps.Length} steps");
                _ended[i] = (round, task, id, now[i]); // reported once, in the round it was seen in
            }
        }

        return cameBack;
    }

    private void KeepRoundLogs(FaultRound round)
    {
        if (KeepLogsIn is not { } directory)
        {
            return;
        }

        Directory.CreateDirectory(directory);
        var name = $"round-{_rounds:D3}-{round.Fault}-after-{round.AfterSteps}";
        File.WriteAllText(Path.Combine(directory, name + ".txt"), round.Describe());
        foreach (var (silo, mark) in _roundLogs)
        {
            File.WriteAllText(Path.Combine(directory, $"{name}-silo-{silo.SiloPort}{(silo.HasExited ? "-exited" : "")}.log"), silo.LogSince(mark));
        }

        _log($"kept the logs of {_roundLogs.Count} silos in {directory}");
    }

    private async Task InjectAsync(FaultKind fault, List<string> ids)
    {
        switch (fault)
        {
            case FaultKind.KillHostingSilo:
            {
                var victim = await HostingSiloAsync(ids);
                _log($"kill -9 silo {victim.SiloPort} (pid {victim.Pid})");
                victim.Kill();
                _silos.Remove(victim);
                await victim.DisposeAsync();
                await StartSiloAsync();
                break;
            }

            case FaultKind.KillEverySilo:
                _log("kill -9 every silo");
                foreach (var silo in _silos)
                {
                    silo.Kill();
                    await silo.DisposeAsync();
                }

                _silos.Clear();
                await StartSiloAsync();
                break;

            case FaultKind.RestartAzurite:
                _log("kill -9 Azurite; restart on the same data in 5 s");
                Azurite.Kill();
                await Task.Delay(TimeSpan.FromSeconds(5));
                await Azurite.RestartAsync();
                break;

            case FaultKind.FreezeAzurite:
                _log("SIGSTOP Azurite for 5 s");
                Azurite.Freeze();
                await Task.Delay(TimeSpan.FromSeconds(5));
                Azurite.Thaw();
                break;

            case FaultKind.KillChromium:
            {
                var victim = await HostingSiloAsync(ids);
                _log($"kill -9 the Chromium of silo {victim.SiloPort}: {victim.KillChromium()} processes");
                break;
            }
        }
    }

    /// <summary>The silo hosting the most of <paramref name="ids"/>.</summary>
    private async Task<SiloProcess> HostingSiloAsync(List<string> ids)
    {
        var hosts = await Task.WhenAll(ids.Select(id => Client.GetAsync(id)));
        return _silos.OrderByDescending(s => hosts.Count(h => h.Silo?.Contains($":{s.SiloPort}:", StringComparison.Ordinal) == true)).First();
    }

    private async Task StartSiloAsync()
    {
        var silo = await SiloProcess.StartAsync(ClusterId, ClusterId, environment: DemoSecrets.Environment, connectionString: Azurite.ConnectionString);
        _silos.Add(silo);
        _roundLogs[silo] = 0;
    }

    private async Task RecordAllAsync()
    {
        await using var recorder = DemoSecrets.BrowserHost();
        var work = new List<(DemoTask, RecordedWorkflow)>();
        foreach (var task in DemoTaskCatalog.Create(Sites.BaseUrl, Seed))
        {
            await SiteClient.ResetAsync(Seed);
            work.Add((task, await recorder.RecordAsync(task.Objective, task.StartUrl, task.Script, [HostPattern.Of(Sites.BaseUrl)], $"faults:{task.Id}")));
        }

        Work = work;
    }

    private WorkflowSpec Spec(DemoTask task, RecordedWorkflow recording) => new()
    {
        Objective = task.Objective,
        StartUrl = task.StartUrl,
        AllowedHosts = [HostPattern.Of(Sites.BaseUrl)],
        MaxSteps = recording.Steps.Length + 10,
        StepSource = StepSourceSpec.ForReplay(recording),
    };

    private async Task<IHost> ConnectAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.AddScribeClient(o =>
        {
            o.ConnectionString = Azurite.ConnectionString;
            o.ClusterId = ClusterId;
            o.ServiceId = ClusterId;
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        if (ClientHost is not null)
        {
            await ClientHost.StopAsync();
            ClientHost.Dispose();
        }

        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        await Sites.DisposeAsync();
        await Azurite.DisposeAsync();
        _http.Dispose();
    }
}
