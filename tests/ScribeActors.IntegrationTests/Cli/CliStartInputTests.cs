using ScribeActors.IntegrationTests.Infrastructure;

namespace ScribeActors.IntegrationTests.Cli;

/// <summary>`scribe start` takes what the replay file carries and says clearly what is missing or not absolute, before
/// touching a cluster (no cluster runs here: an answer that got past these checks would fail to connect instead).</summary>
[Trait("Suite", "Integration")]
public sealed class CliStartInputTests
{
    private const string NoCluster = "DefaultEndpointsProtocol=http;AccountName=nobody;AccountKey=bm9ib2R5;TableEndpoint=http://127.0.0.1:1/nobody;";

    [Theory]
    [InlineData("/supplier/login")]
    [InlineData("supplier/login")]
    [InlineData("127.0.0.1:5100/supplier/login")]
    public async Task Start_RelativeUrl_ExitsTwoSayingItMustBeAbsolute(string url)
    {
        var (code, _, error) = await CliRun.RunAsync(null, "start", "--objective", "x", "--url", url, "--model", "tiny", "--connection-string", NoCluster);

        Assert.True(code == 2, $"exit {code}: {error}");
        Assert.Contains($"error: --url '{url}' is not an absolute URL: it must name the scheme and host", error, StringComparison.Ordinal);
        Assert.DoesNotContain("not 'file'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Could not connect", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_NoObjectiveNoUrlNoReplay_ExitsTwoNamingBothAndTheReplayFile()
    {
        var (code, _, error) = await CliRun.RunAsync(null, "start", "--model", "tiny", "--connection-string", NoCluster);

        Assert.Equal(2, code);
        Assert.Contains("error: Give --objective and --url (or --replay FILE, whose recording carries both).", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_UrlButNoObjective_ExitsTwoNamingTheObjective()
    {
        var (code, _, error) = await CliRun.RunAsync(null, "start", "--url", "http://127.0.0.1:5100/", "--model", "tiny", "--connection-string", NoCluster);

        Assert.Equal(2, code);
        Assert.Contains("error: Give --objective (or --replay FILE", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ReplayFileWithRelativeStartUrl_ExitsTwoNamingTheFile()
    {
        var file = await ReplayFileAsync("/supplier/login");
        try
        {
            var (code, _, error) = await CliRun.RunAsync(null, "start", "--replay", file, "--connection-string", NoCluster);

            Assert.Equal(2, code);
            Assert.Contains($"error: startUrl of replay file '{Path.GetFileName(file)}' '/supplier/login' is not an absolute URL", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Start_ReplayFileWithoutOptions_GetsPastInputChecksToTheCluster()
    {
        var file = await ReplayFileAsync("http://127.0.0.1:5100/supplier/login");
        try
        {
            var (code, _, error) = await CliRun.RunAsync(null, "start", "--replay", file, "--connection-string", NoCluster);

            // Objective and URL came from the file: the only thing left to fail is the connection to a cluster that is not there.
            Assert.Equal(2, code);
            Assert.Contains("error: Could not connect to the ScribeActors cluster", error, StringComparison.Ordinal);
            Assert.DoesNotContain("--objective", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("ten minutes")]
    [InlineData("10")]
    [InlineData("m10")]
    public async Task Start_MaxDurationNotADuration_ExitsTwoSayingHowToWriteOne(string value)
    {
        var (code, _, error) = await CliRun.RunAsync(null, "start", "--objective", "x", "--url", "http://127.0.0.1:5100/", "--model", "tiny", "--max-duration", value, "--connection-string", NoCluster);

        Assert.True(code == 2, $"exit {code}: {error}");
        Assert.Contains($"error: --max-duration '{value}' is not a duration: give it as 90s, 10m, 1h30m, 2d or hh:mm:ss.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Could not connect", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("8d", "8.00:00:00")]
    [InlineData("0s", "00:00:00")]
    public async Task Start_MaxDurationOutOfRange_ExitsTwoNamingTheBound(string value, string shown)
    {
        var (code, _, error) = await CliRun.RunAsync(null, "start", "--objective", "x", "--url", "http://127.0.0.1:5100/", "--model", "tiny", "--max-duration", value, "--connection-string", NoCluster);

        Assert.True(code == 2, $"exit {code}: {error}");
        Assert.Contains($"error: MaxDuration {shown} is outside (0, 7.00:00:00]", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Could not connect", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_MaxDurationInUnits_GetsPastInputChecksToTheCluster()
    {
        var (code, _, error) = await CliRun.RunAsync(null, "start", "--objective", "x", "--url", "http://127.0.0.1:5100/", "--model", "tiny", "--max-duration", "1h30m", "--connection-string", NoCluster);

        Assert.Equal(2, code);
        Assert.Contains("error: Could not connect to the ScribeActors cluster", error, StringComparison.Ordinal);
        Assert.DoesNotContain("--max-duration", error, StringComparison.Ordinal);
    }

    /// <summary>A one-step replay file (objective "Open the portal") starting at <paramref name="startUrl"/>.</summary>
    internal static async Task<string> ReplayFileAsync(string startUrl)
    {
        var file = Path.Combine(Path.GetTempPath(), $"replay-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file,
            $$"""{"objective":"Open the portal","startUrl":"{{startUrl}}","steps":[{"description":"Done","action":"finish_action"}]}""");
        return file;
    }
}
