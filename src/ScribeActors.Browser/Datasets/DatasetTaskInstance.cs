using ScribeActors.Abstractions;
using ScribeActors.Agent.Datasets;

namespace ScribeActors.Browser.Datasets;

/// <summary>One task ready to run: the sites are reset to its seed.</summary>
public sealed record DatasetTaskInstance
{
    /// <summary>Task, site and seed.</summary>
    public required DatasetInstanceKey Key { get; init; }

    /// <summary>The objective, with secret placeholders.</summary>
    public required string Objective { get; init; }

    /// <summary>Where the task starts.</summary>
    public required string StartUrl { get; init; }

    /// <summary>The expert solution.</summary>
    public required IReadOnlyList<ScriptedStep> Script { get; init; }

    /// <summary>Hosts the session may visit.</summary>
    public required IReadOnlyList<string> AllowedHosts { get; init; }

    /// <summary>Source-specific state the check needs (the drawn task, for example).</summary>
    public object? State { get; init; }
}
