namespace ScribeActors.Abstractions;

/// <summary>The state of a schedule.</summary>
[GenerateSerializer, Immutable, Alias("scribe.ScheduleSnapshot")]
public sealed record ScheduleSnapshot
{
    /// <summary>The schedule id (the grain key).</summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary>The schedule.</summary>
    [Id(1)] public required ScheduleSpec Spec { get; init; }

    /// <summary>The next occurrence, in UTC.</summary>
    [Id(2)] public DateTimeOffset? NextOccurrence { get; init; }

    /// <summary>The occurrence that last started a workflow, in UTC.</summary>
    [Id(3)] public DateTimeOffset? LastOccurrence { get; init; }

    /// <summary>The id of the workflow started last.</summary>
    [Id(4)] public string? LastWorkflowId { get; init; }

    /// <summary>How many workflows the schedule started.</summary>
    [Id(5)] public int RunCount { get; init; }

    /// <summary>When the schedule was created.</summary>
    [Id(6)] public DateTimeOffset CreatedAt { get; init; }
}
