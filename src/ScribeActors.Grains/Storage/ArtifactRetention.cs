using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScribeActors.Grains.Workflows;

namespace ScribeActors.Grains.Storage;

/// <summary>
/// Deletes screenshots stored longer ago than <see cref="WorkflowOptions.ScreenshotRetention"/>, once shortly after the
/// silo starts and then every <see cref="Period"/>. Every silo sweeps (the work is idempotent, and a cluster needs no
/// coordinator for it); DOM captures are kept, they are what recovery, datasets and the viewer's page view read.
/// </summary>
public sealed partial class ArtifactRetention(
    IArtifactStore artifacts,
    IOptions<WorkflowOptions> options,
    [FromKeyedServices(ScribeClock.Key)] TimeProvider time,
    ILogger<ArtifactRetention> logger) : BackgroundService
{
    /// <summary>The artefact kind of screenshots.</summary>
    public const string ScreenshotKind = "png";

    /// <summary>Time between sweeps.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromHours(1);

    /// <summary>Wait after start before the first sweep (the silo has other things to do first).</summary>
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMinutes(1);

    /// <summary>Deletes the screenshots older than the retention; returns how many (none when it is zero: keep).</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken = default)
    {
        var retention = options.Value.ScreenshotRetention;
        if (retention <= TimeSpan.Zero)
        {
            return 0;
        }

        var deleted = await artifacts.DeleteOlderThanAsync(ScreenshotKind, time.GetUtcNow() - retention, cancellationToken);
        if (deleted > 0)
        {
            LogSwept(deleted, retention.TotalDays);
        }

        return deleted;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.ScreenshotRetention <= TimeSpan.Zero)
        {
            return;
        }

        try
        {
            await Task.Delay(FirstDelay, time, stoppingToken);
            using var timer = new PeriodicTimer(Period, time);
            do
            {
                try
                {
                    await SweepOnceAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogSweepFailed(e.Message); // storage away: the next sweep tries again
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 1070, Level = LogLevel.Information, Message = "Deleted {Count} screenshots stored more than {Days} days ago (Scribe:Workflow:ScreenshotRetention)")]
    private partial void LogSwept(int count, double days);

    [LoggerMessage(EventId = 1071, Level = LogLevel.Warning, Message = "The screenshot retention sweep failed: {Reason}; it runs again within the hour")]
    private partial void LogSweepFailed(string reason);
}
