using System.Diagnostics;
using ScribeActors.Testing;

namespace ScribeActors.IntegrationTests.Infrastructure;

/// <summary>Runs the real `scribe` binary and captures exit code, stdout and stderr.</summary>
public static class CliRun
{
    public static Task<(int Code, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        RunAsync(environment, TimeSpan.FromSeconds(90), args);

    /// <summary>Runs it with a longer limit than the 90 s most commands get (an evaluation decoding many steps).</summary>
    public static async Task<(int Code, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string>? environment, TimeSpan limit, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(SiloProcess.CliPath());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // A key in the developer's shell must not leak into tests that run without one.
        start.Environment.Remove(Abstractions.ScribeApiKey.EnvironmentVariable);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`scribe {string.Join(' ', args)}` did not end within {limit.TotalSeconds:0} s; it was killed.");
        }

        return (process.ExitCode, await output, await error);
    }
}
