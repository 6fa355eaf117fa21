namespace ScribeActors.Abstractions;

/// <summary>A one-line view of a workflow, as listed by the index.</summary>
[GenerateSerializer, Immutable, Alias("scribe.WorkflowSummary")]
public sealed record WorkflowSummary
{
    /// <summary>The workflow id.</summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary>The objective.</summary>
    [Id(1)] public required string Objective { get; init; }

    /// <summary>The lifecycle state.</summary>
    [Id(2)] public WorkflowStatus Status { get; init; }

    /// <summary>How many steps were taken.</summary>
    [Id(3)] public int StepCount { get; init; }

    /// <summary>When the workflow was started.</summary>
    [Id(4)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When anything last changed.</summary>
    [Id(5)] public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Why the workflow failed, if it did.</summary>
    [Id(6)] public string? FailureReason { get; init; }

    /// <summary>For a succeeded workflow, whether its success was checked against its criteria (see
    /// <see cref="WorkflowSnapshot.Verification"/>).</summary>
    [Id(7)] public SuccessVerification Verification { get; init; }

    /// <summary>The schedule that started the workflow (its <c>schedule</c> label), or <see langword="null"/> for one
    /// started otherwise. Summaries written before this field existed have none until the workflow changes again.</summary>
    [Id(8)] public string? Schedule { get; init; }
}
