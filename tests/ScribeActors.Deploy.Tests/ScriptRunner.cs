using System.Diagnostics;

namespace ScribeActors.Deploy.Tests;

/// <summary>Runs bash scripts with a time limit and captures what they print.</summary>
internal static class ScriptRunner
{
    /// <summary>The result of one run.</summary>
    public sealed record Result(int ExitCode, string StdOut, string StdErr)
    {
        /// <summary>Both streams, for failure messages.</summary>
        public string Output => $"stdout:\n{StdOut}\nstderr:\n{StdErr}";
    }

    /// <summary>Runs `bash args...` in workingDirectory; fails the test when bash is missing or the run exceeds the limit.</summary>
    public static async Task<Result> RunBashAsync(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned null");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("bash is not installed or not on PATH; these tests run the project's bash scripts.", ex);
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"bash {string.Join(' ', args)} (in {workingDirectory}) did not finish within 60 s");
            }

            return new Result(process.ExitCode, await stdout, await stderr);
        }
    }
}
