using Microsoft.Extensions.Logging;
using Orleans.Messaging;

namespace ScribeActors.Client.Hosting;

/// <summary>
/// Keeps trying to connect while the cluster starts or fails over, up to <see cref="ScribeClientOptions.ConnectTimeout"/>,
/// and says what it waits for (a warning after <see cref="QuietPeriod"/>, then every <see cref="ReportEvery"/>): no
/// gateway in the membership table, listed gateways that refuse connections, or unreachable storage.
/// </summary>
internal sealed partial class ClusterConnectRetryFilter(
    ScribeClientOptions options,
    IGatewayListProvider gateways,
    TimeProvider time,
    ILogger<ClusterConnectRetryFilter> logger) : IClientConnectionRetryFilter
{
    /// <summary>How long the client retries silently before reporting.</summary>
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);
    private readonly long _started = time.GetTimestamp();
    private TimeSpan _nextReport = QuietPeriod;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        var elapsed = time.GetElapsedTime(_started);
        if (elapsed >= options.ConnectTimeout)
        {
            return false;
        }

        if (elapsed >= _nextReport)
        {
            _nextReport = elapsed + ReportEvery;
            LogWaiting(logger, options.ClusterId, await DescribeAsync(exception), elapsed.TotalSeconds, options.ConnectTimeout.TotalSeconds);
        }

        await Task.Delay(RetryDelay, time, cancellationToken);
        return true;
    }

    private async Task<string> DescribeAsync(Exception exception)
    {
        if (exception.Message.Contains("Could not find any gateway", StringComparison.Ordinal))
        {
            return "no gateway is listed in the membership table (is a silo of this cluster running? `scribe silo`)";
        }

        if (exception.Message.Contains("Unable to connect to any of", StringComparison.Ordinal))
        {
            string listed;
            try
            {
                listed = string.Join(", ", (await gateways.GetGateways()).Select(g => $"{g.Host}:{g.Port}"));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                listed = "?";
            }

            return $"waiting for a silo at gateway {listed} (listed in the membership table but refusing connections: a silo that died, or one still starting)";
        }

        return $"{exception.GetType().Name}: {exception.Message.Split('\n', 2)[0].Trim()}";
    }
}
