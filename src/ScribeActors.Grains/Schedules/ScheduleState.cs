using ScribeActors.Abstractions;

namespace ScribeActors.Grains.Schedules;

/// <summary>The persisted state of a schedule.</summary>
[GenerateSerializer, Alias("scribe.ScheduleState")]
public sealed class ScheduleState
{
    [Id(0)] public ScheduleSpec? Spec { get; set; }

    [Id(1)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Occurrences up to this instant were handled (started, or skipped because they predate the schedule).</summary>
    [Id(2)] public DateTimeOffset HandledUpTo { get; set; }

    [Id(3)] public DateTimeOffset? LastOccurrence { get; set; }

    [Id(4)] public string? LastWorkflowId { get; set; }

    [Id(5)] public int RunCount { get; set; }
}
