using System.Diagnostics;
using ScribeActors.Testing;

namespace ScribeActors.IntegrationTests.Cli;

/// <summary>The real `scribe` binary answers bad input with one clear error line and exit code 2, before touching a cluster.</summary>
[Trait("Suite", "Integration")]
public sealed class CliBadInputTests
{
    [Fact]
    public async Task Start_MalformedReplayFile_ExitsTwoNamingTheFileAndLine()
    {
        var file = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, "{\n  \"objective\": \"x\",\n  \"steps\": [ oops ]\n}");
        try
        {
            var (code, _, error) = await RunAsync("start", "--objective", "x", "--url", "http://127.0.0.1:5100/", "--replay", file);
            Assert.Equal(2, code);
            Assert.Contains("error: Replay file", error);
            Assert.Contains("line 3", error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Start_MissingReplayFile_ExitsTwoNamingIt()
    {
        var (code, _, error) = await RunAsync("start", "--objective", "x", "--url", "http://127.0.0.1:5100/", "--replay", "/no/such/replay.json");
        Assert.Equal(2, code);
        Assert.Contains("/no/such/replay.json", error);
    }

    [Fact]
    public async Task Start_NotHttpUrl_ExitsTwoNamingTheUrl()
    {
        var file = Path.Combine(Path.GetTempPath(), $"ok-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, "{\"objective\":\"x\",\"startUrl\":\"http://127.0.0.1:5100/\",\"steps\":[{\"description\":\"Done\",\"action\":\"finish_action\"}]}");
        try
        {
            var (code, _, error) = await RunAsync("start", "--objective", "x", "--url", "ftp://127.0.0.1/x", "--replay", file);
            Assert.Equal(2, code);
            Assert.Contains("must use http or https", error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Help_ListsEveryCommand()
    {
        var (code, output, _) = await RunAsync("--help");
        Assert.Equal(0, code);
        foreach (var command in new[] { "demo", "silo", "sites", "start", "watch", "status", "list", "pause", "resume", "cancel", "schedule", "tasks", "record" })
        {
            Assert.Contains(command, output);
        }
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(SiloProcess.CliPath());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
