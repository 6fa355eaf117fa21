using System.Net;
using ScribeActors.DemoSites.Tests.Support;

namespace ScribeActors.DemoSites.Tests;

public sealed class HostingTests
{
    [Fact]
    public async Task StartAsync_FreeLoopbackPort_ServesLandingPageAtBoundUrl()
    {
        await using var sites = await DemoSitesApp.StartAsync(seed: 3);
        Assert.Equal("127.0.0.1", sites.BaseUrl.Host);
        Assert.NotEqual(0, sites.BaseUrl.Port);
        Assert.Equal(3, sites.Seed);

        using var web = new WebSession(sites.BaseUrl);
        var page = await web.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.NotNull(page.Document.QuerySelector("a[href=\"/supplier\"]"));
        Assert.NotNull(page.Document.QuerySelector("a[href=\"/expenses\"]"));
        Assert.Contains("alice / alice-pass", page.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("127.0.0.1:5100")]
    [InlineData("https://127.0.0.1:5100")]
    [InlineData("http://127.0.0.1:5100/sites")]
    [InlineData("ftp://127.0.0.1:5100")]
    public void Build_BadUrl_ThrowsNamingTheUrl(string url)
    {
        var ex = Assert.Throws<ArgumentException>(() => DemoSitesApp.Build([], url));
        Assert.Contains($"'{url}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("absolute http URL", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://*:0")]
    [InlineData("http://+:0")]
    [InlineData("http://0.0.0.0:5100")]
    public async Task Build_KestrelWildcardOrAnyAddress_IsAccepted(string url)
    {
        await using var app = DemoSitesApp.Build([], url);
        Assert.NotNull(app);
    }

    [Fact]
    public void Build_SeedSettingNotANumber_ThrowsNamingTheSetting()
    {
        var ex = Assert.Throws<ArgumentException>(() => DemoSitesApp.Build(["--DemoSites:Seed=seven"], "http://127.0.0.1:0"));
        Assert.Contains(DemoSitesApp.SeedKey, ex.Message, StringComparison.Ordinal);
        Assert.Contains("'seven'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_SeedSetting_StartsWithThatSeed()
    {
        await using var app = DemoSitesApp.Build(["--DemoSites:Seed=9"], "http://127.0.0.1:0");
        await app.StartAsync();
        using var http = new HttpClient();
        var client = new DemoSitesClient(http, new Uri(app.Urls.First()));
        var state = await client.GetStateAsync();
        Assert.Equal(9, state.Seed);
        await app.StopAsync();
    }

    [Fact]
    public async Task StartAsync_NegativeSeed_Throws()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => DemoSitesApp.StartAsync(seed: -1));
    }

    [Fact]
    public async Task RunningDemoSites_ResetAndGetState_MatchTheApi()
    {
        await using var sites = await DemoSitesApp.StartAsync();
        sites.Reset(12);
        using var http = new HttpClient();
        var state = await new DemoSitesClient(http, sites.BaseUrl).GetStateAsync();
        Assert.Equal(12, state.Seed);
        Assert.Equal(sites.GetState().Invoices.Select(i => i.Number), state.Invoices.Select(i => i.Number));
        Assert.Equal(6, sites.CreateTasks().Count);
    }
}
