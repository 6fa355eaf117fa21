namespace ScribeActors.Grains.Schedules;

/// <summary>The persisted set of schedule ids.</summary>
[GenerateSerializer, Alias("scribe.ScheduleIndexState")]
public sealed class ScheduleIndexState
{
    [Id(0)] public HashSet<string> Ids { get; set; } = new(StringComparer.Ordinal);
}
