using ScribeActors.Abstractions;

namespace ScribeActors.Grains.Workflows;

/// <summary>The persisted state of a workflow grain (Blob storage). Large artefacts are referenced, not inlined.</summary>
[GenerateSerializer, Alias("scribe.WorkflowState")]
public sealed class WorkflowState
{
    [Id(0)] public WorkflowSpec? Spec { get; set; }

    [Id(1)] public WorkflowStatus Status { get; set; }

    [Id(2)] public string? FailureReason { get; set; }

    [Id(3)] public List<StepRecord> Steps { get; set; } = [];

    /// <summary>The step source's cursor (for replay: the next recorded step).</summary>
    [Id(4)] public int Cursor { get; set; }

    /// <summary>The browser-session epoch of the last observation; a change means the page was rebuilt from a checkpoint.</summary>
    [Id(5)] public int? SessionEpoch { get; set; }

    [Id(6)] public DateTimeOffset CreatedAt { get; set; }

    [Id(7)] public DateTimeOffset UpdatedAt { get; set; }

    [Id(8)] public long Version { get; set; }

    [Id(9)] public string? Answer { get; set; }

    [Id(10)] public int Resumptions { get; set; }

    /// <summary>Whether the browser session was opened at the start URL.</summary>
    [Id(11)] public bool SessionOpened { get; set; }

    /// <summary>Consecutive failed attempts at the current cursor (actions or decisions).</summary>
    [Id(12)] public int Attempts { get; set; }

    /// <summary>For a succeeded workflow: whether its success criteria were checked.</summary>
    [Id(13)] public SuccessVerification Verification { get; set; }

    /// <summary>For a succeeded workflow: what the success criteria saw, or why the success is unverified.</summary>
    [Id(14)] public string? VerificationNote { get; set; }

    /// <summary>The <c>Idempotency-Key</c> the next state-changing request goes out under: that of a request whose fate
    /// was lost with its browser, being sent again (see <c>WorkflowGrain.IdempotencyKeys.cs</c>).</summary>
    [Id(15)] public string? CarriedIdempotencyKey { get; set; }

    /// <summary>The activation that wrote this copy (an id of its own, new with each activation): after a conflict it
    /// tells storage that went back to an older copy from another activation's write (<see cref="Agent.Recovery.LostWritesRule"/>).</summary>
    [Id(16)] public string? WriterId { get; set; }
}
