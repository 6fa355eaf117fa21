using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
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

        // That the header's delay is really waited is SiteLatency_PageRequest_WaitsTheLatencyOnTheGivenClock's to prove
        // (on a fake clock); how long it takes on a real one is the site-latency benchmark's.
        using (var slow = await http.GetAsync("/supplier/login"))
        {
            slow.EnsureSuccessStatusCode();
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

    [Fact]
    public void SiteLatency_PageRequest_WaitsTheLatencyOnTheGivenClock()
    {
        var latency = new SiteLatency { Milliseconds = 400 };
        var time = new FakeTimeProvider();
        var context = Request("/supplier/login");

        var wait = latency.DelayAsync(context, time);

        // The fake clock moves only when told to, so "not yet" is a fact here, not a race.
        Assert.False(wait.IsCompleted, "the page was served without waiting");
        time.Advance(TimeSpan.FromMilliseconds(399));
        Assert.False(wait.IsCompleted, "the page was served after 399 ms of a 400 ms latency");
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(wait.IsCompletedSuccessfully, $"the page still waited after 400 ms of a 400 ms latency ({wait.Status})");
        Assert.Equal("400", context.Response.Headers[SiteLatency.Header].ToString());
    }

    [Theory]
    [InlineData("/api/state", 400)]
    [InlineData("/supplier/login", 0)]
    public void SiteLatency_ApiOrNoLatency_DoesNotWaitOrSayItDid(string path, int milliseconds)
    {
        var latency = new SiteLatency { Milliseconds = milliseconds };
        var context = Request(path);

        var wait = latency.DelayAsync(context, new FakeTimeProvider());

        Assert.True(wait.IsCompletedSuccessfully, $"{path} waited with latency {milliseconds} ms");
        Assert.False(context.Response.Headers.ContainsKey(SiteLatency.Header));
    }

    [Fact]
    public async Task SiteLatency_RequestAborted_EndsTheWait()
    {
        var latency = new SiteLatency { Milliseconds = 400 };
        using var aborted = new CancellationTokenSource();
        var context = Request("/supplier/login");
        context.RequestAborted = aborted.Token;

        var wait = latency.DelayAsync(context, new FakeTimeProvider());
        await aborted.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait);
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

    private static DefaultHttpContext Request(string path) => new() { Request = { Path = path } };
}
