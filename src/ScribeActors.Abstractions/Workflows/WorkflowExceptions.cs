namespace ScribeActors.Abstractions;

/// <summary>No workflow has the given id.</summary>
[GenerateSerializer, Alias("scribe.WorkflowNotFoundException")]
public sealed class WorkflowNotFoundException : Exception
{
    /// <summary>Creates the exception for <paramref name="workflowId"/>.</summary>
    public WorkflowNotFoundException(string workflowId) : base($"No workflow with id '{workflowId}' exists.") => WorkflowId = workflowId;

    /// <summary>The unknown id.</summary>
    [Id(0)] public string WorkflowId { get; init; }
}

/// <summary>A workflow spec was rejected; the message lists every problem.</summary>
[GenerateSerializer, Alias("scribe.InvalidWorkflowSpecException")]
public sealed class InvalidWorkflowSpecException : Exception
{
    /// <summary>Creates the exception from the validation errors.</summary>
    public InvalidWorkflowSpecException(IReadOnlyList<string> errors)
        : base("Invalid workflow spec: " + string.Join(" ", errors)) => Errors = [.. errors];

    /// <summary>The problems found.</summary>
    [Id(0)] public string[] Errors { get; init; }
}

/// <summary>A workflow id is already used by a workflow with a different spec.</summary>
[GenerateSerializer, Alias("scribe.WorkflowConflictException")]
public sealed class WorkflowConflictException : Exception
{
    /// <summary>Creates the exception for <paramref name="workflowId"/>.</summary>
    public WorkflowConflictException(string workflowId)
        : base($"Workflow '{workflowId}' already exists with a different spec.") => WorkflowId = workflowId;

    /// <summary>The id in conflict.</summary>
    [Id(0)] public string WorkflowId { get; init; }
}

/// <summary>The workflow cannot take the request right now: its activation found the stored state changed under it (a
/// storage conflict) and is handing over to a fresh activation that reads what is stored. Nothing was changed; retry in
/// a moment (the client SDK does, a few times).</summary>
[GenerateSerializer, Alias("scribe.WorkflowUnavailableException")]
public sealed class WorkflowUnavailableException : Exception
{
    /// <summary>Creates the exception for <paramref name="workflowId"/>.</summary>
    public WorkflowUnavailableException(string workflowId)
        : base($"Workflow '{workflowId}' is reloading its stored state after a storage conflict; nothing was changed, retry in a moment.") => WorkflowId = workflowId;

    /// <summary>The workflow's id.</summary>
    [Id(0)] public string WorkflowId { get; init; }
}
