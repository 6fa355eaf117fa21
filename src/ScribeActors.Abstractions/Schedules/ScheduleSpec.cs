namespace ScribeActors.Abstractions;

/// <summary>A cron schedule that starts a workflow on every occurrence.</summary>
[GenerateSerializer, Immutable, Alias("scribe.ScheduleSpec")]
public sealed record ScheduleSpec
{
    /// <summary>The label (<see cref="WorkflowSpec.Labels"/>) naming the schedule that started a workflow.</summary>
    public const string ScheduleLabel = "schedule";

    /// <summary>A five-field (minute precision) or six-field (with seconds) cron expression, for example <c>0 7 * * MON-FRI</c>.</summary>
    [Id(0)] public required string Cron { get; init; }

    /// <summary>The IANA or Windows time zone id the expression is read in. Default <c>UTC</c>.</summary>
    [Id(1)] public string TimeZone { get; init; } = "UTC";

    /// <summary>The workflow to start on each occurrence.</summary>
    [Id(2)] public required WorkflowSpec Workflow { get; init; }
}
