using System.Diagnostics;
using ScribeActors.IntegrationTests.Infrastructure;
using ScribeActors.Testing;

namespace ScribeActors.IntegrationTests.Hosting;

/// <summary>The silo executable of the container image (src/ScribeActors.Silo.Host, `scribe-silo.dll`): configured
/// only through configuration keys, it joins a cluster that clients reach, and refuses bad settings as `scribe silo` does.</summary>
[Trait("Suite", "Integration"), Trait("Needs", "Azurite,Chromium")]
public sealed class SiloExecutableTests
{
    [Fact]
    public async Task SiloExecutable_ConfiguredByKeys_AnswersHealthAndServesAClient()
    {
        await Requirements.AzuriteAsync();
        Requirements.Chromium();
        var id = "host" + Guid.NewGuid().ToString("N")[..10];

        // StartAsync returns once /health answers 200 on the configured web port.
        await using var silo = await SiloProcess.StartAsync(id, id, roles: "browser", siloExecutable: true);
        await using var client = await ExternalClient.ConnectAsync(id);
        var workflows = await client.Client.ListAsync();

        Assert.Empty(workflows);
        Assert.False(silo.HasExited, silo.LogTail);
    }

    [Fact]
    public async Task SiloExecutable_AnyAddressWithoutKey_ExitsTwoNamingTheSetting()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { SiloProcess.SiloHostPath(), $"--Scribe:Silo:WebPort={Requirements.FreeTcpPort()}", $"--Scribe:Silo:SiloPort={Requirements.FreeTcpPort()}", $"--Scribe:Silo:GatewayPort={Requirements.FreeTcpPort()}" })
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
