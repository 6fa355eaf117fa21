using System.ComponentModel.DataAnnotations;

namespace ScribeActors.Grains.Schedules;

/// <summary>How schedules are driven. Section <c>Scribe:Schedule</c>; checked at start by <see cref="ScheduleOptionsValidator"/>.</summary>
public sealed class ScheduleOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Scribe:Schedule";

    /// <summary>Period of each schedule's reminder: due occurrences start at most this late. Default 1 minute; between
    /// 1 second and 1 day (Orleans refuses a reminder period below its <c>MinimumReminderPeriod</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan TickPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
