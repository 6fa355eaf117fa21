using System.Diagnostics;
using System.Text;

namespace ScribeActors.Testing;

/// <summary>A `scribe silo` process (the real CLI build), or the silo executable of the container image, with its own
/// ports, in a cluster of the given ids. Shared by the integration tests and the benchmarks (linked into both).</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private bool _disposed;

    private SiloProcess(Process process, int siloPort, int gatewayPort, int webPort)
    {
        _process = process;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
        WebPort = webPort;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public int WebPort { get; }

    public int Pid => _process.Id;

    /// <summary>Whether the process ended (a disposed one did: disposing kills it).</summary>
    public bool HasExited => _disposed || _process.HasExited;

    /// <summary>How many characters the silo has logged so far (a mark for <see cref="LogSince"/>).</summary>
    public int LogLength
    {
        get
        {
            lock (_log)
            {
                return _log.Length;
            }
        }
    }

    /// <summary>What the silo logged after <paramref name="mark"/> (a <see cref="LogLength"/> taken earlier).</summary>
    public string LogSince(int mark)
    {
        lock (_log)
        {
            return _log.ToString(Math.Min(mark, _log.Length), _log.Length - Math.Min(mark, _log.Length));
        }
    }

    public string LogTail
    {
        get
        {
            lock (_log)
            {
                var text = _log.ToString();
                return text.Length > 4000 ? text[^4000..] : text;
            }
        }
    }

    public static string CliPath() => BuiltPath("ScribeActors.Cli", "scribe.dll", "The scribe CLI");

    /// <summary>The silo executable the container image runs (src/ScribeActors.Silo.Host).</summary>
    public static string SiloHostPath() => BuiltPath("ScribeActors.Silo.Host", "scribe-silo.dll", "The silo executable");

    /// <summary>Starts a silo and waits for its /health. With <c>siloExecutable</c> it runs the image's silo executable
    /// (settings as <c>--Scribe:…=value</c> arguments) instead of `scribe silo` (settings as its options).</summary>
    public static async Task<SiloProcess> StartAsync(string clusterId, string serviceId, string roles = "browser,inference,gpu", int? siloPort = null, int? gatewayPort = null,
        IReadOnlyDictionary<string, string>? environment = null, bool fastFailureDetection = true, string? connectionString = null, bool siloExecutable = false)
    {
        var port = siloPort ?? FreeTcpPort();
        var gateway = gatewayPort ?? FreeTcpPort();
        var web = FreeTcpPort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] args = siloExecutable
            ?
            [
                SiloHostPath(), $"--Scribe:Silo:SiloPort={port}", $"--Scribe:Silo:GatewayPort={gateway}", $"--Scribe:Silo:WebPort={web}",
                $"--Scribe:Silo:Roles={roles}", $"--Scribe:Silo:ClusterId={clusterId}", "--Scribe:Silo:MinimumReminderPeriod=00:00:02",
                "--Scribe:Workflow:KeepAlivePeriod=00:00:04", $"--Scribe:Silo:FastFailureDetection={(fastFailureDetection ? "true" : "false")}",
            ]
            :
            [
                CliPath(), "silo", "--port", port.ToString(), "--gateway-port", gateway.ToString(), "--web-port", web.ToString(),
                "--roles", roles, "--cluster-id", clusterId, "--min-reminder-seconds", "2", "--keepalive-seconds", "4",
                .. fastFailureDetection ? ["--fast-failure-detection"] : Array.Empty<string>(),
            ];
        var what = siloExecutable ? "scribe-silo" : "scribe silo";
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Scribe__Silo__ServiceId"] = serviceId;
        if (connectionString is not null)
        {
            start.Environment["Scribe__Storage__ConnectionString"] = connectionString;
        }

        start.Environment["Scribe__Storage__StateContainer"] = "state-" + serviceId;
        start.Environment["Scribe__Workflow__RetryDelay"] = "00:00:00.200";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__ScribeActors"] = "Information";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var silo = new SiloProcess(Process.Start(start)!, port, gateway, web);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            await Eventually.TrueAsync(
                async () =>
                {
                    if (silo.HasExited)
                    {
                        throw new InvalidOperationException($"{what} exited with code {silo._process.ExitCode}:\n{silo.LogTail}");
                    }

                    try
                    {
                        return (await http.GetAsync($"http://127.0.0.1:{web}/health")).IsSuccessStatusCode;
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        return false;
                    }
                },
                $"{what} to answer /health",
                TimeSpan.FromSeconds(60));
            return silo;
        }
        catch (TimeoutException)
        {
            var tail = silo.LogTail;
            await silo.DisposeAsync();
            throw new TimeoutException($"{what} did not answer /health within 60 s:\n{tail}");
        }
    }

    private static string BuiltPath(string project, string assembly, string what)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(RepoRoot(), "src", project, "bin", configuration, "net10.0", assembly);
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{what} is not built at {path}: build the solution first (`dotnet build ScribeActors.sln -c {configuration}` or `./scribe.sh test`).");
    }

    public static int FreeTcpPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ScribeActors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with ScribeActors.sln) was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>kill -9 of this silo's Chromium (every process of it), leaving the silo running.</summary>
    public int KillChromium()
    {
        var killed = 0;
        foreach (var pid in Descendants(_process.Id))
        {
            try
            {
                var commandLine = File.ReadAllText($"/proc/{pid}/cmdline");
                if (Path.GetFileName(commandLine.Split('\0', 2)[0]) is "chromium" or "chrome")
                {
                    using var victim = Process.GetProcessById(pid);
                    victim.Kill();
                    killed++;
                }
            }
            catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // gone meanwhile
            }
        }

        return killed;
    }

    private static List<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid))
            {
                try
                {
                    var stat = File.ReadAllText($"/proc/{pid}/stat");
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ', 3);
                    parents[pid] = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (Exception e) when (e is IOException or FormatException or ArgumentException)
                {
                }
            }
        }

        var result = new List<int>();
        foreach (var pid in parents.Keys)
        {
            for (var (p, hops) = (pid, 0); hops < 64 && parents.TryGetValue(p, out var parent); p = parent, hops++)
            {
                if (parent == root)
                {
                    result.Add(pid);
                    break;
                }
            }
        }

        return result;
    }

    /// <summary>kill -9: the process and its Chromium children die at once, with no shutdown code run.</summary>
    public void Kill()
    {
        if (!_disposed && !_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _disposed = true;
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
