using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScribeActors.Abstractions;
using ScribeActors.Grains.Workflows;

namespace ScribeActors.Grains.Storage;

/// <summary>
/// Deletes screenshots stored longer ago than <see cref="WorkflowOptions.ScreenshotRetention"/>, and, when
/// <see cref="WorkflowOptions.ObservationRetention"/> is set, observation DOMs and model prompts stored longer ago than
/// it and before every workflow that has not ended was created (<see cref="ObservationCutoff"/>), once shortly after the
/// silo starts and then every <see cref="Period"/>. Every silo sweeps (the work is idempotent, and a cluster needs no
/// coordinator for it).
/// </summary>
public sealed partial class ArtifactRetention(
    IArtifactStore artifacts,
    IGrainFactory grains,
    IOptions<WorkflowOptions> options,
    [FromKeyedServices(ScribeClock.Key)] TimeProvider time,
    ILogger<ArtifactRetention> logger) : BackgroundService
{
    /// <summary>The artefact kind of screenshots.</summary>
    public const string ScreenshotKind = "png";

    /// <summary>The artefact kind of observation DOMs.</summary>
    public const string ObservationKind = "dom";

    /// <summary>The artefact kind of model prompts.</summary>
    public const string PromptKind = "prompt";

    /// <summary>Time between sweeps.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromHours(1);

    /// <summary>Wait after start before the first sweep (the silo has other things to do first).</summary>
    public static readonly TimeSpan FirstDelay = TimeSpan.FromMinutes(1);

    /// <summary>Deletes the screenshots, DOMs and prompts past their retention; returns how many (none of a kind whose
    /// retention keeps them).</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var deleted = 0;
        if (options.Value.ScreenshotRetention is var shots && shots > TimeSpan.Zero)
        {
            deleted += await SweepAsync(ScreenshotKind, now - shots, "Scribe:Workflow:ScreenshotRetention", cancellationToken);
        }

        if (options.Value.ObservationRetention is { } keep)
        {
            var workflows = await grains.GetGrain<IWorkflowIndexGrain>(IWorkflowIndexGrain.DefaultKey).ListAsync();
            var cutoff = ObservationCutoff(now, keep, workflows);
            deleted += await SweepAsync(ObservationKind, cutoff, "Scribe:Workflow:ObservationRetention", cancellationToken);
            deleted += await SweepAsync(PromptKind, cutoff, "Scribe:Workflow:ObservationRetention", cancellationToken);
        }

        return deleted;
    }

    /// <summary>
    /// The instant before which DOMs and prompts may go: <paramref name="retention"/> before <paramref name="now"/>, but
    /// never after the creation of a workflow that has not ended. A workflow stores its artefacts after it was created, and
    /// storing content again counts as storing it then (the store is content-addressed), so nothing last stored before
    /// that instant is named by a workflow that can still resume and read it back.
    /// </summary>
    public static DateTimeOffset ObservationCutoff(DateTimeOffset now, TimeSpan retention, IEnumerable<WorkflowSummary> workflows)
    {
        ArgumentNullException.ThrowIfNull(workflows);
        var cutoff = now - retention;
        foreach (var workflow in workflows)
        {
            if ((workflow.Status is WorkflowStatus.Pending or WorkflowStatus.Running or WorkflowStatus.Paused) && workflow.CreatedAt < cutoff)
            {
                cutoff = workflow.CreatedAt;
            }
        }

        return cutoff;
    }

    private async Task<int> SweepAsync(string kind, DateTimeOffset cutoff, string setting, CancellationToken cancellationToken)
    {
        var deleted = await artifacts.DeleteOlderThanAsync(kind, cutoff, cancellationToken);
        if (deleted > 0)
        {
            LogSwept(deleted, kind, cutoff, setting);
        }

        return deleted;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.ScreenshotRetention <= TimeSpan.Zero && options.Value.ObservationRetention is null)
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

    [LoggerMessage(EventId = 1070, Level = LogLevel.Information, Message = "Deleted {Count} artefacts of kind {Kind} last stored before {Cutoff} ({Setting})")]
    private partial void LogSwept(int count, string kind, DateTimeOffset cutoff, string setting);

    [LoggerMessage(EventId = 1071, Level = LogLevel.Warning, Message = "The artefact retention sweep failed: {Reason}; it runs again within the hour")]
    private partial void LogSweepFailed(string reason);
}
