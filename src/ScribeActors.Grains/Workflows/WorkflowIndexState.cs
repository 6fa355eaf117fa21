using ScribeActors.Abstractions;

namespace ScribeActors.Grains.Workflows;

/// <summary>The persisted list of workflow summaries.</summary>
[GenerateSerializer, Alias("scribe.WorkflowIndexState")]
public sealed class WorkflowIndexState
{
    [Id(0)] public Dictionary<string, WorkflowSummary> Workflows { get; set; } = new(StringComparer.Ordinal);
}
