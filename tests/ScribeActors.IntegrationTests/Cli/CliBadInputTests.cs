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
        foreach (var command in new[] { "demo", "silo", "sites", "start", "watch", "status", "list", "pause", "resume", "cancel", "schedule", "tasks", "record", "observe", "prune", "eval" })
        {
            Assert.Contains(command, output);
        }
    }

    [Fact]
    public async Task Start_ModelAndModelPathTogether_ExitsTwoSayingChooseOne()
    {
        var (code, _, error) = await RunAsync("start", "--objective", "x", "--url", "http://127.0.0.1:5100/", "--model", "tiny", "--model-path", TestModels.Stories260K);
        Assert.Equal(2, code);
        Assert.Contains("--model or --model-path, not both", error);
    }

    [Fact]
    public async Task Start_ModelPathMissing_ExitsTwoNamingThePath()
    {
        var (code, _, error) = await RunAsync("start", "--objective", "x", "--url", "http://127.0.0.1:5100/", "--model-path", "/no/such/model.gguf");
        Assert.Equal(2, code);
        Assert.Contains("/no/such/model.gguf", error);
    }

    [Fact]
    public async Task Start_NoStepSource_ExitsTwoListingTheChoices()
    {
        var (code, _, error) = await RunAsync("start", "--objective", "x", "--url", "http://127.0.0.1:5100/");
        Assert.Equal(2, code);
        Assert.Contains("--replay FILE, --model ID or --model-path FILE.gguf", error);
    }

    [Fact]
    public async Task Start_UnknownFitter_ExitsTwoNamingIt()
    {
        var (code, _, error) = await RunAsync("start", "--objective", "x", "--url", "http://127.0.0.1:5100/", "--model", "tiny", "--fitter", "middle");
        Assert.Equal(2, code);
        Assert.Contains("Fitter 'middle'", error);
    }

    [Theory]
    [InlineData("--success-url", "/done/(", "Success.UrlPattern '/done/(' is not a valid regular expression")]
    [InlineData("--success-text", " ", "Success.Texts[0] is empty")]
    [InlineData("--success-element", "div[role=status", "Success.Elements[0] 'div[role=status' is not a CSS selector: '[' is never closed at character 4")]
    [InlineData("--success-element", "p:has-text(\"Paid\")", "Success.Elements[0] 'p:has-text(\"Paid\")' is not a CSS selector the page evaluator supports")]
    [InlineData("--success-check", "/api/done", "Success.CheckUrl '/api/done' is not an absolute http(s) URL")]
    [InlineData("--success-check", "http://elsewhere.test/api/done", "Success.CheckUrl host 'elsewhere.test' is not in the allowed hosts [127.0.0.1:5100]")]
    public async Task Start_MalformedSuccessCriterion_ExitsTwoNamingTheFieldBeforeConnecting(string option, string value, string expected)
    {
        var (code, _, error) = await RunAsync("start", "--objective", "x", "--url", "http://127.0.0.1:5100/", "--model", "tiny", option, value,
            "--connection-string", "DefaultEndpointsProtocol=http;AccountName=nobody;AccountKey=bm9ib2R5;TableEndpoint=http://127.0.0.1:1/nobody;");
        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("Could not connect", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prune_File_PrunedHtmlOnStdoutStatisticsOnStderr()
    {
        var file = Path.Combine(Path.GetTempPath(), $"page-{Guid.NewGuid():N}.html");
        await File.WriteAllTextAsync(file, """
            <html><head><title>Acme</title><script>var x=1;</script></head><body>
            <div class="wrapper css-1x2y3z4" data-test="abc"><!-- c --><nav><a href="/home" onclick="go()">Home</a></nav>
            <div></div><button type="submit" style="color:red" aria-label="Save">Save</button></div></body></html>
            """);
        try
        {
            var (code, output, error) = await RunAsync("prune", file);
            Assert.Equal(0, code);
            Assert.Equal("Acme <body node=\"5\"> <div class=\"wrapper\" node=\"4\"> <a href=\"/home\" node=\"2\" onclick=\"\"> Home </a> <button aria-label=\"Save\" node=\"0\" type=\"submit\"> Save </button> </div> </body>", output.Trim());
            Assert.Contains("4 nodes", error);
            Assert.Contains("tokens (approximate-qwen)", error);

            var (modelCode, _, modelError) = await RunAsync("prune", file, "--model-path", TestModels.Stories260K);
            Assert.Equal(0, modelCode);
            Assert.Contains("stories260K.gguf tokenizer", modelError);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Prune_MissingFile_ExitsTwoNamingIt()
    {
        var (code, output, error) = await RunAsync("prune", "/no/such/page.html");
        Assert.Equal(2, code);
        Assert.Empty(output.Trim());
        Assert.Contains("/no/such/page.html", error);
    }

    [Fact]
    public async Task Observe_DemoPage_ShowsTokensNodesAndPrunedHtml()
    {
        Infrastructure.Requirements.Chromium();
        await using var world = await Infrastructure.DemoWorld.StartAsync();
        var (code, output, error) = await RunAsync("observe", world.Task("supplier.dispute-invoice").StartUrl, "--html", "--budget", "400");
        Assert.True(code == 0, error);
        Assert.Contains("pruned:", output);
        Assert.Contains("nodes", output);
        Assert.Contains("fitted (interactive-first, budget 400)", output);
        Assert.Contains("node=\"", output);
    }

    [Fact]
    public async Task Observe_NotHttpUrl_ExitsTwo()
    {
        var (code, _, error) = await RunAsync("observe", "file:///etc/passwd");
        Assert.Equal(2, code);
        Assert.Contains("not an absolute http(s) URL", error);
    }

    internal static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
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
