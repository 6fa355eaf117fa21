using System.Diagnostics;
using System.Net;
using ScribeActors.DemoSites.Web;

namespace ScribeActors.DemoSites.Tests;

public sealed class LatencyTests
{
    [Fact]
    public async Task SetLatencyAsync_SlowsPagesNotTheApiAndSurvivesReset()
    {
        // What the site added is read from its header, not from a stopwatch: a loaded machine is slow on its own.
        await using var sites = await DemoSitesApp.StartAsync();
        using var http = new HttpClient { BaseAddress = sites.BaseUrl };
        var client = new DemoSitesClient(http, sites.BaseUrl);
        await client.SetLatencyAsync(400);
        await client.ResetAsync(2);

        var page = Stopwatch.StartNew();
        using (var slow = await http.GetAsync("/supplier/login"))
        {
            slow.EnsureSuccessStatusCode();
            // A timer may fire a few milliseconds early against the stopwatch (398 ms was seen once); far earlier means no delay.
            Assert.True(page.ElapsedMilliseconds >= 380, $"the page came back after {page.ElapsedMilliseconds} ms, before the 400 ms latency");
            Assert.Equal(["400"], slow.Headers.GetValues(SiteLatency.Header));
        }

        using (var api = await http.GetAsync("/api/state"))
        {
            api.EnsureSuccessStatusCode();
            Assert.False(api.Headers.Contains(SiteLatency.Header), "/api/state was delayed: the API must not be");
        }

        await client.SetLatencyAsync(0);
        using var fast = await http.GetAsync("/supplier/login");
        fast.EnsureSuccessStatusCode();
        Assert.False(fast.Headers.Contains(SiteLatency.Header), "latency 0 still delayed the page");
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("abc")]
    [InlineData("10001")]
    public async Task Latency_BadValue_Returns400NamingIt(string value)
    {
        await using var sites = await DemoSitesApp.StartAsync();
        using var http = new HttpClient { BaseAddress = sites.BaseUrl };
        using var response = await http.PostAsync($"/api/latency?ms={value}", null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(value, await response.Content.ReadAsStringAsync());
    }
}
