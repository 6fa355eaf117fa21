using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using ScribeActors.Abstractions;

namespace ScribeActors.Grains.Workflows;

/// <summary>
/// Wakes running workflows without waiting for their reminders: once when this silo becomes active, and whenever a
/// peer silo is declared dead (then only the oldest active silo does it, so the cluster wakes each workflow once).
/// </summary>
public sealed partial class WorkflowWaker(
    IGrainFactory grains,
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    ILogger<WorkflowWaker> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _watcher;

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(WorkflowWaker), ServiceLifecycleStage.Active, OnStartAsync, OnStopAsync);

    private Task OnStartAsync(CancellationToken cancellationToken)
    {
        _watcher = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task OnStopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_watcher is not null)
        {
            await _watcher.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Wakes one workflow shortly, from outside its activation: used by an activation that went stale, so the
    /// fresh one starts at once instead of at the next reminder tick.</summary>
    public void WakeSoon(string workflowId)
    {
        var stopping = _stopping.Token;
        _ = Task.Run(async () =>
        {
            for (var attempt = 1; attempt <= 5 && !stopping.IsCancellationRequested; attempt++)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), stopping);
                    await grains.GetGrain<IWorkflowGrain>(workflowId).WakeAsync();
                    return;
                }
                catch (Exception e) when (!stopping.IsCancellationRequested)
                {
                    LogWakeFailed(attempt, e);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }, CancellationToken.None);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await WakeRunningAsync("silo started", cancellationToken);
        var known = membership.CurrentSnapshot;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken))
            {
                var died = snapshot.Members.Values.Any(m => m.Status == SiloStatus.Dead && known.GetSiloStatus(m.SiloAddress) is not SiloStatus.Dead and not SiloStatus.None);
                known = snapshot;
                if (!died)
                {
                    continue;
                }

                var oldestActive = snapshot.Members.Values
                    .Where(m => m.Status == SiloStatus.Active)
                    .OrderBy(m => m.SiloAddress.Generation)
                    .ThenBy(m => m.SiloAddress.ToString(), StringComparer.Ordinal)
                    .FirstOrDefault();
                if (oldestActive?.SiloAddress.Equals(localSilo.SiloAddress) == true)
                {
                    await WakeRunningAsync("a peer silo died", cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task WakeRunningAsync(string why, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= 5 && !cancellationToken.IsCancellationRequested; attempt++)
        {
            try
            {
                var running = await grains.GetGrain<IWorkflowIndexGrain>(IWorkflowIndexGrain.DefaultKey).ListAsync(WorkflowStatus.Running);
                LogWaking(running.Length, why);
                await Parallel.ForEachAsync(running, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
                    async (w, _) => await grains.GetGrain<IWorkflowGrain>(w.Id).WakeAsync());
                return;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogWakeFailed(attempt, e);
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
            }
        }
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Waking {Count} running workflows ({Why})")]
    private partial void LogWaking(int count, string why);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Waking running workflows failed (attempt {Attempt})")]
    private partial void LogWakeFailed(int attempt, Exception exception);
}
