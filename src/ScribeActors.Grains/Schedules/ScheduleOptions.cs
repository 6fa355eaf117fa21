namespace ScribeActors.Grains.Schedules;

/// <summary>How schedules are driven. Section <c>Scribe:Schedule</c>.</summary>
public sealed class ScheduleOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Scribe:Schedule";

    /// <summary>Period of each schedule's reminder: due occurrences start at most this late. Default 1 minute.</summary>
    public TimeSpan TickPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
