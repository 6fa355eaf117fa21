using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScribeActors.Abstractions;
using ScribeActors.Grains.Secrets;
using ScribeActors.Grains.Storage;

namespace ScribeActors.Grains.Schedules;

/// <summary>
/// A cron schedule. A reminder ticks every <see cref="ScheduleOptions.TickPeriod"/>; each tick starts one workflow for
/// the latest due occurrence, so occurrences missed during an outage start one workflow, not one per missed tick. The
/// workflow id is derived from the occurrence, so a duplicated tick cannot start a second workflow.
/// </summary>
public sealed partial class ScheduleGrain(
    [PersistentState("schedule", StorageNames.State)] IPersistentState<ScheduleState> state,
    IOptions<ScheduleOptions> options,
    [FromKeyedServices(ScribeClock.Key)] TimeProvider time,
    ILogger<ScheduleGrain> logger) : Grain, IScheduleGrain, IRemindable
{
    private const string TickReminder = "cron";

    private string Id => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A template stored before secret placeholders existed may type a password in clear text: it gets placeholders
        // and is written at once, so neither the schedule nor the workflows it starts carry the value again.
        var found = StoredSecretRedaction.Apply(state.State);
        if (found.Count > 0)
        {
            LogSecretsRedacted(Id, StoredSecretRedaction.Describe(found));
            await state.WriteStateAsync(cancellationToken);
        }
    }

    [LoggerMessage(EventId = 1060, Level = LogLevel.Warning, Message = "Schedule {ScheduleId} held clear-text passwords in its workflow template; they are replaced by {Placeholders}: configure these secrets on the browser silos")]
    private partial void LogSecretsRedacted(string scheduleId, string placeholders);

    async Task<ScheduleSnapshot> IScheduleGrain.CreateAsync(ScheduleSpec spec)
    {
        CronSchedule.Parse(spec);
        var now = time.GetUtcNow();
        await StateUpdates.UpdateAsync(state, s =>
        {
            s.Spec = spec;
            s.CreatedAt = now;
            s.HandledUpTo = now;
            s.LastOccurrence = null;
            s.LastWorkflowId = null;
            s.RunCount = 0;
            return true;
        });
        await this.RegisterOrUpdateReminder(TickReminder, options.Value.TickPeriod, options.Value.TickPeriod);
        await GrainFactory.GetGrain<IScheduleIndexGrain>(IScheduleIndexGrain.DefaultKey).AddAsync(Id);
        return Snapshot();
    }

    Task<ScheduleSnapshot> IScheduleGrain.GetAsync() =>
        Task.FromResult(state.State.Spec is null ? throw new ScheduleNotFoundException(Id) : Snapshot());

    async Task IScheduleGrain.DeleteAsync()
    {
        if (state.State.Spec is null)
        {
            throw new ScheduleNotFoundException(Id);
        }

        var reminder = await this.GetReminder(TickReminder);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }

        try
        {
            await state.ClearStateAsync();
        }
        catch (Orleans.Storage.InconsistentStateException)
        {
            await state.ReadStateAsync(); // what is stored instead is deleted all the same
            await state.ClearStateAsync();
        }

        state.State = new ScheduleState();
        await GrainFactory.GetGrain<IScheduleIndexGrain>(IScheduleIndexGrain.DefaultKey).RemoveAsync(Id);
    }

    Task<string?> IScheduleGrain.TickAsync() => TickAsync();

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.Spec is null)
        {
            var reminder = await this.GetReminder(reminderName);
            if (reminder is not null)
            {
                await this.UnregisterReminder(reminder);
            }

            return;
        }

        await TickAsync();
    }

    private async Task<string?> TickAsync()
    {
        var spec = state.State.Spec ?? throw new ScheduleNotFoundException(Id);
        var now = time.GetUtcNow();
        var due = CronSchedule.Parse(spec).LatestDue(state.State.HandledUpTo, now);
        if (due is null)
        {
            return null;
        }

        var workflowId = $"{Id}-{due.Value.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}";
        var labels = new Dictionary<string, string>(spec.Workflow.Labels, StringComparer.Ordinal)
        {
            [ScheduleSpec.ScheduleLabel] = Id,
            ["occurrence"] = due.Value.ToString("O"),
        };
        await GrainFactory.GetGrain<IWorkflowGrain>(workflowId).StartAsync(spec.Workflow with { Labels = labels });
        // The workflow id is the occurrence's, so a tick repeated after a lost write starts nothing new.
        await StateUpdates.UpdateAsync(state, s =>
        {
            if (s.HandledUpTo >= now)
            {
                return false;
            }

            s.HandledUpTo = now;
            s.LastOccurrence = due;
            s.LastWorkflowId = workflowId;
            s.RunCount++;
            return true;
        });
        return workflowId;
    }

    private ScheduleSnapshot Snapshot() => new()
    {
        Id = Id,
        Spec = state.State.Spec!,
        NextOccurrence = CronSchedule.Parse(state.State.Spec!).Next(time.GetUtcNow()),
        LastOccurrence = state.State.LastOccurrence,
        LastWorkflowId = state.State.LastWorkflowId,
        RunCount = state.State.RunCount,
        CreatedAt = state.State.CreatedAt,
    };
}
