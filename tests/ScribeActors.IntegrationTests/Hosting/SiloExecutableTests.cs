using ScribeActors.IntegrationTests.Infrastructure;
using ScribeActors.Testing;

namespace ScribeActors.IntegrationTests.Hosting;

/// <summary>The silo executable of the container image (src/ScribeActors.Silo.Host, `scribe-silo.dll`): configured
/// only through configuration keys, it joins a cluster that clients reach (it refuses bad settings as `scribe silo` does: ExposurePreflightTests).</summary>
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
}
