using System.Diagnostics;
using System.Net.Sockets;

namespace ScribeActors.Testing;

/// <summary>
/// An Azurite of its own (the pinned one from Azurite/node_modules) on free ports, persisting to a folder, for tests that
/// kill, freeze and restart storage without touching the Azurite everything else uses, and for tests that must see every
/// container and table of the account they used with no other test's data in it (the secret scan). Shared by the
/// integration tests and the benchmarks (linked into both).
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private readonly int[] _ports;
    private Process? _process;

    private AzuriteProcess(string location, int[] ports)
    {
        Location = location;
        _ports = ports;
    }

    /// <summary>Where the data lives; it survives a kill, and a restart reads it back.</summary>
    public string Location { get; }

    /// <summary>The connection string for the development account on these ports.</summary>
    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"BlobEndpoint=http://127.0.0.1:{_ports[0]}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{_ports[1]}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{_ports[2]}/devstoreaccount1;";

    /// <summary>The pid of the running Azurite (for freezing it).</summary>
    public int Pid => _process?.Id ?? throw new InvalidOperationException("Azurite is not running.");

    public static async Task<AzuriteProcess> StartAsync()
    {
        var location = Path.Combine(Path.GetTempPath(), "scribe-azurite-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(location);
        for (var attempt = 1; ; attempt++)
        {
            var azurite = new AzuriteProcess(location, [SiloProcess.FreeTcpPort(), SiloProcess.FreeTcpPort(), SiloProcess.FreeTcpPort()]);
            try
            {
                await azurite.RestartAsync();
                return azurite;
            }
            catch (InvalidOperationException) when (attempt < 3 && azurite._process is { HasExited: true })
            {
                // A free port was taken by someone else between choosing it and Azurite binding it: choose again.
            }
        }
    }

    /// <summary>Starts Azurite on the same ports and data (after <see cref="Kill"/>).</summary>
    public async Task RestartAsync()
    {
        var entry = Path.Combine(SiloProcess.RepoRoot(), "Azurite", "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(entry))
        {
            throw new InvalidOperationException($"Azurite is not installed at {entry}: run `./scribe.sh setup` (npm ci in Azurite/).");
        }

        var start = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[]
        {
            entry, "--blobHost", "127.0.0.1", "--blobPort", $"{_ports[0]}", "--queueHost", "127.0.0.1", "--queuePort", $"{_ports[1]}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{_ports[2]}", "--location", Location,
            "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--silent",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line && errors.Count < 20)
            {
                errors.Enqueue(line);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var process = _process;
        var waiting = _ports[0];
        try
        {
            await Eventually.TrueAsync(
                async () =>
                {
                    foreach (var port in _ports)
                    {
                        waiting = port;
                        if (process.HasExited)
                        {
                            throw new InvalidOperationException($"Azurite exited before it listened on 127.0.0.1:{port}: {string.Join(" | ", errors)}");
                        }

                        if (!await AnswersAsync(port))
                        {
                            return false;
                        }
                    }

                    return true;
                },
                "Azurite to listen on its three ports",
                TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"Azurite did not listen on 127.0.0.1:{waiting} within 30 s (exited: {process.HasExited}): {string.Join(" | ", errors)}");
        }
    }

    /// <summary>kill -9: acknowledged writes not yet saved to <see cref="Location"/> are lost, as in a crash.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    /// <summary>SIGSTOP: Azurite keeps its connections but answers nothing until <see cref="Thaw"/>.</summary>
    public void Freeze() => Signal("STOP");

    /// <summary>SIGCONT after <see cref="Freeze"/>.</summary>
    public void Thaw() => Signal("CONT");

    public ValueTask DisposeAsync()
    {
        Thaw();
        Kill();
        try
        {
            Directory.Delete(Location, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }

    private void Signal(string signal)
    {
        if (_process is { HasExited: false } process)
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {process.Id}") { UseShellExecute = false });
            kill?.WaitForExit(5_000);
        }
    }

    private static async Task<bool> AnswersAsync(int port)
    {
        using var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync("127.0.0.1", port).WaitAsync(TimeSpan.FromSeconds(1));
            return true;
        }
        catch (Exception e) when (e is SocketException or TimeoutException)
        {
            return false;
        }
    }
}
