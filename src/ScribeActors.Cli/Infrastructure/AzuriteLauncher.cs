using System.Diagnostics;
using System.Net.Sockets;

namespace ScribeActors.Cli.Infrastructure;

/// <summary>Starts the project's pinned Azurite (Azurite/start.sh) when nothing listens on the blob port.</summary>
internal static class AzuriteLauncher
{
    /// <summary>Exit code of start.sh when a copy already runs.</summary>
    private const int AlreadyRunning = 3;

    public static async Task<bool> IsRunningAsync(CancellationToken cancellationToken)
    {
        foreach (var port in new[] { 10000, 10002 })
        {
            using var tcp = new TcpClient();
            try
            {
                await tcp.ConnectAsync("127.0.0.1", port, cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            }
            catch (Exception e) when (e is SocketException or TimeoutException)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Ensures Azurite runs; returns true when this call started it (persistent data under Azurite/data).</summary>
    public static async Task<bool> EnsureRunningAsync(TextWriter log, CancellationToken cancellationToken)
    {
        if (await IsRunningAsync(cancellationToken))
        {
            return false;
        }

        var root = RepoLocator.Find()
            ?? throw new InvalidOperationException("Azurite is not running and the ScribeActors checkout (with Azurite/start.sh) was not found: run from the checkout, set SCRIBE_REPO_ROOT, or start Azurite yourself.");
        var script = Path.Combine(root, "Azurite", "start.sh");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not running and {script} does not exist.");
        }

        log.WriteLine("Starting Azurite (Azurite/start.sh --background) ...");
        var start = new ProcessStartInfo("bash", [script, "--background"]) { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not run bash to start Azurite.");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken) + await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode == AlreadyRunning)
        {
            return false;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Azurite/start.sh failed with exit code {process.ExitCode}:\n{output.Trim()}");
        }

        return true;
    }

    public static async Task StopAsync()
    {
        var root = RepoLocator.Find();
        var script = root is null ? null : Path.Combine(root, "Azurite", "stop.sh");
        if (script is not null && File.Exists(script))
        {
            using var process = Process.Start(new ProcessStartInfo("bash", [script]) { WorkingDirectory = root!, RedirectStandardOutput = true, RedirectStandardError = true });
            if (process is not null)
            {
                await process.WaitForExitAsync();
            }
        }
    }
}
