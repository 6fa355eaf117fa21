using System.Diagnostics;
using System.Net;

namespace ScribeActors.DemoSites.Tests;

public sealed class LatencyTests
{
    [Fact]
    public async Task SetLatencyAsync_SlowsPagesNotTheApiAndSurvivesReset()
    {
        await using var sites = await DemoSitesApp.StartAsync();
        using var http = new HttpClient { BaseAddress = sites.BaseUrl };
        var client = new DemoSitesClient(http, sites.BaseUrl);
        await client.SetLatencyAsync(400);
        await client.ResetAsync(2);

        var page = Stopwatch.StartNew();
        (await http.GetAsync("/supplier/login")).EnsureSuccessStatusCode();
        Assert.True(page.ElapsedMilliseconds >= 400, $"the page came back after {page.ElapsedMilliseconds} ms, before the 400 ms latency");

        var api = Stopwatch.StartNew();
        await client.GetStateAsync();
        Assert.True(api.ElapsedMilliseconds < 400, $"/api/state took {api.ElapsedMilliseconds} ms: the API must not be delayed");

        await client.SetLatencyAsync(0);
        var fast = Stopwatch.StartNew();
        (await http.GetAsync("/supplier/login")).EnsureSuccessStatusCode();
        Assert.True(fast.ElapsedMilliseconds < 400, $"latency 0 still took {fast.ElapsedMilliseconds} ms");
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
