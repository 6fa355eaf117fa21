using ScribeActors.Abstractions;
using ScribeActors.Grains.Tests.Fakes;

namespace ScribeActors.Grains.Tests.Placement;

[Trait("Suite", "Cluster")]
public sealed class RoleFilterTests
{
    [Fact]
    public async Task BrowserSessions_TwoSilosOneWithBrowserRole_AllActivateOnTheBrowserSilo()
    {
        await using var h = await FakeCluster.StartAsync(["inference"], ["browser"]);
        var browserSilo = h.Cluster.Silos[1].SiloAddress.ToString();
        var silos = new HashSet<string>();
        for (var i = 0; i < 12; i++)
        {
            var session = h.Grains.GetGrain<IBrowserSessionGrain>($"placement-{i}");
            await session.OpenAsync(new OpenSessionRequest { StartUrl = FakeWeb.Origin + "/start", AllowedHosts = ["fake.test"] });
            silos.Add((await session.GetInfoAsync()).Silo!);
        }

        Assert.Equal([browserSilo], silos);
    }

    [Fact]
    public async Task BrowserSessions_NoBrowserSilo_FailPlacementInsteadOfLandingAnywhere()
    {
        await using var h = await FakeCluster.StartAsync(["inference"]);
        var session = h.Grains.GetGrain<IBrowserSessionGrain>("nowhere");
        await Assert.ThrowsAsync<OrleansException>(() => session.GetInfoAsync());

        var activations = await h.Grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        Assert.DoesNotContain(activations, a => a.GrainType.Contains("BrowserSessionGrain", StringComparison.Ordinal));
    }
}
