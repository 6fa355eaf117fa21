using System.Collections.Concurrent;
using ScribeActors.Abstractions;

namespace ScribeActors.Client.Tests.Fakes;

/// <summary>What each fake workflow grain does, by workflow id (tests use fresh ids), and what it saw.</summary>
public static class FakeWorkflows
{
    private static readonly ConcurrentDictionary<string, FakeWorkflow> s_workflows = new(StringComparer.Ordinal);

    /// <summary>Adds a workflow whose snapshots are <paramref name="versions"/> (in increasing version).</summary>
    public static FakeWorkflow Add(string id, params WorkflowSnapshot[] versions) => s_workflows[id] = new FakeWorkflow(versions);

    public static FakeWorkflow? Find(string id) => s_workflows.GetValueOrDefault(id);
}

/// <summary>One scripted workflow.</summary>
public sealed class FakeWorkflow(WorkflowSnapshot[] versions)
{
    private int _unavailable;
    private int _starts;

    public IReadOnlyList<WorkflowSnapshot> Versions { get; } = versions;

    /// <summary>Start calls so far (each answered or refused).</summary>
    public int Starts => Volatile.Read(ref _starts);

    /// <summary>The API key the last call carried in its request context.</summary>
    public string? LastApiKey { get; set; }

    /// <summary>The reason of the last cancel.</summary>
    public string? CancelReason { get; set; }

    /// <summary>Makes the next <paramref name="calls"/> start calls throw <see cref="WorkflowUnavailableException"/>.</summary>
    public FakeWorkflow UnavailableFor(int calls)
    {
        _unavailable = calls;
        return this;
    }

    public bool CountStartAndRefuse()
    {
        Interlocked.Increment(ref _starts);
        return Interlocked.Decrement(ref _unavailable) >= 0;
    }
}
