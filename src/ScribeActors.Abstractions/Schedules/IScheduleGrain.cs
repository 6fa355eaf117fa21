namespace ScribeActors.Abstractions;

/// <summary>
/// A cron schedule driven by a reminder. Key: the schedule id. Each due occurrence starts one workflow with id
/// <c>{scheduleId}-{occurrence:yyyyMMddTHHmmssZ}</c>; occurrences missed during an outage start one workflow, not one per tick.
/// </summary>
[Alias("scribe.IScheduleGrain")]
public interface IScheduleGrain : IGrainWithStringKey
{
    /// <summary>Creates or replaces the schedule. Throws <see cref="InvalidScheduleException"/> for a bad cron expression,
    /// time zone or workflow spec.</summary>
    [Alias("Create")]
    Task<ScheduleSnapshot> CreateAsync(ScheduleSpec spec);

    /// <summary>Returns the schedule, or throws <see cref="ScheduleNotFoundException"/>.</summary>
    [Alias("Get")]
    Task<ScheduleSnapshot> GetAsync();

    /// <summary>Deletes the schedule and its reminder. Deleting a missing schedule throws <see cref="ScheduleNotFoundException"/>.</summary>
    [Alias("Delete")]
    Task DeleteAsync();

    /// <summary>Starts the workflow for the latest due occurrence, if it was not started yet. Called by the reminder;
    /// exposed for operators and tests.</summary>
    [Alias("Tick")]
    Task<string?> TickAsync();
}
