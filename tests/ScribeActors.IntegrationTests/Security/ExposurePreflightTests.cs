using System.Diagnostics;
using ScribeActors.IntegrationTests.Infrastructure;
using ScribeActors.Silo.Hosting;
using ScribeActors.Silo.Security;
using ScribeActors.Testing;

namespace ScribeActors.IntegrationTests.Security;

/// <summary>A silo that would be reachable beyond loopback refuses to start without an API key, naming the setting.</summary>
[Trait("Suite", "Integration"), Trait("Needs", "Azurite")]
public sealed class ExposurePreflightTests
{
    [Theory]
    [InlineData("Scribe:Silo:ListenOnAnyHostAddress", "true", "ListenOnAnyHostAddress=true")]
    [InlineData("Scribe:Silo:AdvertisedIP", "10.1.2.3", "AdvertisedIP=10.1.2.3 is not a loopback address")]
    [InlineData("Kestrel:Endpoints:Web:Url", "http://0.0.0.0:8089", "Kestrel:Endpoints:Web:Url=http://0.0.0.0:8089")]
    public async Task BuildAsync_ReachableWithoutKey_RefusesNamingBothSettings(string key, string value, string named)
    {
        var e = await Assert.ThrowsAsync<ApiKeyConfigurationException>(() => ScribeSiloHost.BuildAsync([], new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(named, e.Message);
        Assert.Contains("Scribe:Auth:ApiKeys", e.Message);
        Assert.Contains("Scribe__Auth__ApiKeys", e.Message);
    }

    [Fact]
    public async Task BuildAsync_ShortKey_RefusesNamingTheMinimum()
    {
        var e = await Assert.ThrowsAsync<ApiKeyConfigurationException>(() => ScribeSiloHost.BuildAsync([], new Dictionary<string, string?>
        {
            ["Scribe:Auth:ApiKeys"] = "long-enough-key-0123456789,short",
        }));

        Assert.Contains("Scribe:Auth:ApiKeys", e.Message);
        Assert.Contains("1 key(s) shorter than 16", e.Message);
    }

    [Fact]
    public async Task BuildAsync_AnyAddressWithKey_Builds()
    {
        await Requirements.AzuriteAsync();
        await using var app = await ScribeSiloHost.BuildAsync([], new Dictionary<string, string?>
        {
            ["Scribe:Silo:ListenOnAnyHostAddress"] = "true",
            ["Scribe:Auth:ApiKeys"] = "any-address-key-0123456789",
        });
        Assert.NotNull(app);
    }

    [Theory]
    [InlineData(false)] // scribe silo
    [InlineData(true)] // scribe-silo.dll, the container image's executable
    public async Task Silo_AnyAddressWithoutKey_ExitsTwoNamingTheSetting(bool siloExecutable)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] args = siloExecutable
            ? [SiloProcess.SiloHostPath(), $"--Scribe:Silo:WebPort={Requirements.FreeTcpPort()}", $"--Scribe:Silo:SiloPort={Requirements.FreeTcpPort()}", $"--Scribe:Silo:GatewayPort={Requirements.FreeTcpPort()}"]
            : [SiloProcess.CliPath(), "silo", "--web-port", Requirements.FreeTcpPort().ToString(), "--port", Requirements.FreeTcpPort().ToString(), "--gateway-port", Requirements.FreeTcpPort().ToString()];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Scribe__Silo__ListenOnAnyHostAddress"] = "true";
        start.Environment.Remove("Scribe__Auth__ApiKeys");
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("error: The silo would listen beyond loopback (Scribe:Silo:ListenOnAnyHostAddress=true)", await error);
        Assert.Contains("Scribe:Auth:ApiKeys", await error);
    }
}
