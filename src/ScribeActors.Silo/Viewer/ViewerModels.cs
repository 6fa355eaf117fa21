using ScribeActors.Abstractions;

namespace ScribeActors.Silo.Viewer;

/// <summary>One row of the runs list.</summary>
public sealed record RunRow
{
    /// <summary>The workflow id.</summary>
    public required string Id { get; init; }

    /// <summary>The objective (secrets are placeholders in it, never values).</summary>
    public required string Objective { get; init; }

    /// <summary>The lifecycle state.</summary>
    public WorkflowStatus Status { get; init; }

    /// <summary>How many steps were taken.</summary>
    public int StepCount { get; init; }

    /// <summary>When the run started.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the run finished; <see langword="null"/> while it is not terminal.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Why the run failed or was cancelled.</summary>
    public string? FailureReason { get; init; }

    /// <summary>How many times the run resumed after losing its activation.</summary>
    public int Resumptions { get; init; }

    /// <summary>The silo that hosted the run when it last changed.</summary>
    public string? Silo { get; init; }

    /// <summary>Whether a success was checked against criteria.</summary>
    public SuccessVerification Verification { get; init; }

    /// <summary>The schedule that started the run, if one did.</summary>
    public string? Schedule { get; init; }
}

/// <summary>What the run page shows: the snapshot without the step source's recording (it can be large and the page
/// does not show it), plus the few facts of the spec the page does show.</summary>
public sealed record RunView
{
    /// <summary>The workflow id.</summary>
    public required string Id { get; init; }

    /// <summary>The objective.</summary>
    public required string Objective { get; init; }

    /// <summary>The first page.</summary>
    public required string StartUrl { get; init; }

    /// <summary>Replay or Model.</summary>
    public StepSourceKind Source { get; init; }

    /// <summary>The model id of a model run (or of a replay's fallback model).</summary>
    public string? Model { get; init; }

    /// <summary>How many steps the recording holds, for a replay.</summary>
    public int? RecordedSteps { get; init; }

    /// <summary>The step budget.</summary>
    public int MaxSteps { get; init; }

    /// <summary>The spec's labels (for example the schedule that started the run).</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The lifecycle state.</summary>
    public WorkflowStatus Status { get; init; }

    /// <summary>Whether the run stopped for good.</summary>
    public bool IsTerminal { get; init; }

    /// <summary>Why the run failed or was cancelled.</summary>
    public string? FailureReason { get; init; }

    /// <summary>The answer of the finish step.</summary>
    public string? Answer { get; init; }

    /// <summary>Whether success was checked.</summary>
    public SuccessVerification Verification { get; init; }

    /// <summary>What the success check saw.</summary>
    public string? VerificationNote { get; init; }

    /// <summary>When the run started.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When anything last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The snapshot version, for asking what is new.</summary>
    public long Version { get; init; }

    /// <summary>Resumptions after a lost activation.</summary>
    public int Resumptions { get; init; }

    /// <summary>The silo hosting the run.</summary>
    public string? Silo { get; init; }

    /// <summary>The steps, oldest first, as recorded.</summary>
    public IReadOnlyList<StepRecord> Steps { get; init; } = [];

    /// <summary>The view of <paramref name="snapshot"/>.</summary>
    public static RunView Of(WorkflowSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var spec = snapshot.Spec;
        return new RunView
        {
            Id = snapshot.Id,
            Objective = spec.Objective,
            StartUrl = spec.StartUrl,
            Source = spec.StepSource.Kind,
            Model = spec.StepSource.Model?.ModelId,
            RecordedSteps = spec.StepSource.Replay?.Steps.Length,
            MaxSteps = spec.MaxSteps,
            Labels = spec.Labels,
            Status = snapshot.Status,
            IsTerminal = snapshot.IsTerminal,
            FailureReason = snapshot.FailureReason,
            Answer = snapshot.Answer,
            Verification = snapshot.Verification,
            VerificationNote = snapshot.VerificationNote,
            CreatedAt = snapshot.CreatedAt,
            UpdatedAt = snapshot.UpdatedAt,
            Version = snapshot.Version,
            Resumptions = snapshot.Resumptions,
            Silo = snapshot.Silo,
            Steps = snapshot.Steps,
        };
    }
}

/// <summary>One row of the schedules page.</summary>
public sealed record ScheduleRow
{
    /// <summary>The schedule id.</summary>
    public required string Id { get; init; }

    /// <summary>The cron expression.</summary>
    public required string Cron { get; init; }

    /// <summary>The time zone the expression is read in.</summary>
    public required string TimeZone { get; init; }

    /// <summary>The objective of the workflow each occurrence starts.</summary>
    public required string Objective { get; init; }

    /// <summary>The next few occurrences after now, in UTC.</summary>
    public IReadOnlyList<DateTimeOffset> NextOccurrences { get; init; } = [];

    /// <summary>The occurrence that last started a workflow.</summary>
    public DateTimeOffset? LastOccurrence { get; init; }

    /// <summary>The workflow started last.</summary>
    public string? LastWorkflowId { get; init; }

    /// <summary>How many workflows the schedule started.</summary>
    public int RunCount { get; init; }

    /// <summary>When the schedule was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
