using System.Diagnostics;
using ScribeActors.Testing;

namespace ScribeActors.IntegrationTests.Cli;

/// <summary>`scribe prune` and `scribe observe` apply the observation size limit (--max-chars, --max-elements; a silo's
/// Scribe:Browser:MaxObservationChars and MaxObservationElements) and say what it is.</summary>
[Trait("Suite", "Integration")]
public sealed class CliPageLimitTests
{
    private const string WorkedExample = """
        <html><head><title>Acme</title><script>var x=1;</script></head><body>
        <div class="wrapper css-1x2y3z4" data-test="abc"><!-- c --><nav><a href="/home" onclick="go()">Home</a></nav>
        <div></div><button type="submit" style="color:red" aria-label="Save">Save</button></div></body></html>
        """;

    [Fact]
    public async Task Prune_FileOverTheCharacterLimit_ExitsTwoWithSizeLimitAndOption()
    {
        await WithFileAsync(WorkedExample, async file =>
        {
            var (code, output, error) = await RunAsync("prune", file, "--max-chars", "100");

            Assert.Equal(2, code);
            Assert.Empty(output.Trim());
            Assert.Contains($"error: The page {Path.GetFileName(file)} is too large to observe: its DOM is {WorkedExample.Length} characters, over the limit of 100 characters set by --max-chars", error, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Prune_FileOverTheElementLimit_ExitsTwoNamingThatOption()
    {
        await WithFileAsync(WorkedExample, async file =>
        {
            var (code, output, error) = await RunAsync("prune", file, "--max-elements", "3");

            Assert.Equal(2, code);
            Assert.Empty(output.Trim());
            Assert.Contains("with 10 elements, over the limit of 3 elements set by --max-elements", error, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Prune_WithinTheLimits_StatisticsShowThem()
    {
        await WithFileAsync(WorkedExample, async file =>
        {
            var (code, output, error) = await RunAsync("prune", file, "--max-chars", "5000", "--max-elements", "10");

            Assert.Equal(0, code);
            Assert.StartsWith("Acme <body node=\"5\">", output.Trim(), StringComparison.Ordinal);
            Assert.Contains("10 elements (limits 5000 chars, 10 elements)", error, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Prune_LimitBelowOne_Rejected()
    {
        await WithFileAsync(WorkedExample, async file =>
        {
            var (code, output, error) = await RunAsync("prune", file, "--max-chars", "0");

            Assert.Equal(2, code);
            Assert.Empty(output.Trim());
            Assert.Contains("error: --max-chars must be at least 1 (got 0).", error, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Observe_PageOverTheLimit_ExitsTwoWithSizeLimitAndOption()
    {
        Infrastructure.Requirements.Chromium();
        await using var world = await Infrastructure.DemoWorld.StartAsync();
        var url = world.Task("supplier.dispute-invoice").StartUrl;

        var (code, output, error) = await RunAsync("observe", url, "--max-chars", "500");

        Assert.Equal(2, code);
        Assert.DoesNotContain("node=\"", output, StringComparison.Ordinal);
        Assert.Contains($"error: The page {url} is too large to observe: its DOM is ", error, StringComparison.Ordinal);
        Assert.Contains("over the limit of 500 characters set by --max-chars (Scribe:Browser:MaxObservationChars on a silo)", error, StringComparison.Ordinal);
    }

    private static async Task WithFileAsync(string html, Func<string, Task> test)
    {
        var file = Path.Combine(Path.GetTempPath(), $"page-{Guid.NewGuid():N}.html");
        await File.WriteAllTextAsync(file, html);
        try
        {
            await test(file);
        }
        finally
        {
            File.Delete(file);
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
