using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ScribeActors.Client.Hosting;
using ScribeActors.Client.Tests.Fakes;

namespace ScribeActors.Client.Tests.Hosting;

/// <summary>The connect retry policy on a fake clock: how long it keeps trying, and what it says it waits for.</summary>
public sealed class ClusterConnectRetryFilterTests
{
    private const string NoGateway = "Could not find any gateway in Orleans.Messaging.GatewayManager. Orleans client cannot initialize.";
    private const string Refused = "Unable to connect to any of the 1 available gateways.";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
    private readonly ListLogger<ClusterConnectRetryFilter> _log = new();
    private readonly FixedGateways _gateways = new(new Uri("gwy.tcp://10.0.0.5:30000/0"), new Uri("gwy.tcp://10.0.0.6:30001/0"));

    [Fact]
    public async Task ShouldRetry_BeforeTheTimeout_WaitsHalfASecondThenRetriesWithoutAWarning()
    {
        var filter = Filter();

        var retry = filter.ShouldRetryConnectionAttempt(new InvalidOperationException(NoGateway), CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(499));
        var waitedLess = retry.IsCompleted;
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.False(waitedLess);
        Assert.True(await retry);
        Assert.Empty(_log.Entries);
    }

    [Fact]
    public async Task ShouldRetry_AtTheConnectTimeout_GivesUpAtOnce()
    {
        var filter = Filter(TimeSpan.FromSeconds(10));
        _time.Advance(TimeSpan.FromSeconds(10));

        var retry = filter.ShouldRetryConnectionAttempt(new InvalidOperationException(NoGateway), CancellationToken.None);

        Assert.True(retry.IsCompleted);
        Assert.False(await retry);
    }

    [Fact]
    public async Task ShouldRetry_AfterTheQuietPeriod_WarnsWhatItWaitsForThenEveryFiveSeconds()
    {
        var filter = Filter();
        var warnedAt = new List<double>();
        for (var second = 0.0; second < 12; second += 0.5)
        {
            var before = _log.Entries.Count;
            var retry = filter.ShouldRetryConnectionAttempt(new InvalidOperationException(NoGateway), CancellationToken.None);
            if (_log.Entries.Count > before)
            {
                warnedAt.Add(second);
            }

            _time.Advance(TimeSpan.FromMilliseconds(500));
            Assert.True(await retry);
        }

        Assert.Equal([1.0, 6.0, 11.0], warnedAt);
        var (level, id, message) = _log.Entries[0];
        Assert.Equal(LogLevel.Warning, level);
        Assert.Equal(6000, id.Id);
        Assert.Equal("connecting to cluster 'test-cluster': no gateway is listed in the membership table (is a silo of this cluster running? `scribe silo`) (1.0 s so far, giving up after 30 s)", message);
    }

    [Fact]
    public async Task ShouldRetry_GatewaysRefuse_NamesTheListedGateways()
    {
        var filter = Filter();
        _time.Advance(ClusterConnectRetryFilter.QuietPeriod);

        var retry = filter.ShouldRetryConnectionAttempt(new InvalidOperationException(Refused), CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        await retry;

        var message = Assert.Single(_log.Entries).Message;
        Assert.Contains("waiting for a silo at gateway 10.0.0.5:30000, 10.0.0.6:30001 (listed in the membership table but refusing connections", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldRetry_GatewaysRefuseAndTheListFails_SaysSoWithAQuestionMark()
    {
        var filter = Filter();
        _gateways.Failure = new InvalidOperationException("table unreachable");
        _time.Advance(ClusterConnectRetryFilter.QuietPeriod);

        var retry = filter.ShouldRetryConnectionAttempt(new InvalidOperationException(Refused), CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        await retry;

        Assert.Contains("waiting for a silo at gateway ? (", Assert.Single(_log.Entries).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldRetry_OtherFailure_ShowsItsTypeAndFirstLine()
    {
        var filter = Filter();
        _time.Advance(ClusterConnectRetryFilter.QuietPeriod);

        var retry = filter.ShouldRetryConnectionAttempt(new TimeoutException("storage did not answer\n   at somewhere"), CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        await retry;

        Assert.Contains("'test-cluster': TimeoutException: storage did not answer (1.0 s so far", Assert.Single(_log.Entries).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShouldRetry_Cancelled_StopsWaiting()
    {
        var filter = Filter();
        using var cancel = new CancellationTokenSource();

        var retry = filter.ShouldRetryConnectionAttempt(new InvalidOperationException(NoGateway), cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => retry);
    }

    private ClusterConnectRetryFilter Filter(TimeSpan? timeout = null) =>
        new(new ScribeClientOptions { ClusterId = "test-cluster", ConnectTimeout = timeout ?? TimeSpan.FromSeconds(30) }, _gateways, _time, _log);
}
