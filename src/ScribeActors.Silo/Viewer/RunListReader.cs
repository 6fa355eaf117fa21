using System.Collections.Concurrent;
using ScribeActors.Abstractions;

namespace ScribeActors.Silo.Viewer;

/// <summary>
/// Builds the runs list from the workflow index. The index's summaries lack the resumption count and the silo, which only
/// a workflow's snapshot holds; they are read once per change of a run (its <see cref="WorkflowSummary.UpdatedAt"/>) and
/// kept, so a list polled every second asks nothing of workflows that did not change.
/// </summary>
public sealed class RunListReader(IGrainFactory grains)
{
    /// <summary>The most rows one answer holds unless asked otherwise.</summary>
    public const int DefaultLimit = 200;

    private const int MaxCached = 10_000;

    private readonly ConcurrentDictionary<string, (DateTimeOffset UpdatedAt, int Resumptions, string? Silo)> _details = new(StringComparer.Ordinal);

    /// <summary>The newest runs first, those with <paramref name="status"/> when given, started by the schedule
    /// <paramref name="schedule"/> when given, whose id or objective holds <paramref name="text"/> (any case) when given,
    /// at most <paramref name="limit"/>.</summary>
    public async Task<RunRow[]> ListAsync(WorkflowStatus? status, string? schedule, string? text, int limit, CancellationToken cancellationToken)
    {
        var summaries = await grains.GetGrain<IWorkflowIndexGrain>(IWorkflowIndexGrain.DefaultKey).ListAsync(status);
        var matching = summaries
            .Where(s => string.IsNullOrEmpty(schedule) || string.Equals(s.Schedule, schedule, StringComparison.Ordinal))
            .Where(s => string.IsNullOrWhiteSpace(text)
                || s.Objective.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase)
                || s.Id.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase))
            .Take(Math.Clamp(limit, 1, 5000))
            .ToArray();
        if (_details.Count > MaxCached)
        {
            _details.Clear(); // a rare refill beats an unbounded cache
        }

        return await Task.WhenAll(matching.Select(s => RowAsync(s, cancellationToken)));
    }

    private async Task<RunRow> RowAsync(WorkflowSummary summary, CancellationToken cancellationToken)
    {
        if (!_details.TryGetValue(summary.Id, out var details) || details.UpdatedAt != summary.UpdatedAt)
        {
            try
            {
                var snapshot = await grains.GetGrain<IWorkflowGrain>(summary.Id).GetAsync(cancellationToken);
                details = (summary.UpdatedAt, snapshot.Resumptions, snapshot.Silo);
                _details[summary.Id] = details;
            }
            catch (WorkflowNotFoundException)
            {
                details = (summary.UpdatedAt, 0, null); // listed but not readable (its state is gone): show what the index knows
            }
        }

        var terminal = summary.Status is WorkflowStatus.Succeeded or WorkflowStatus.Failed or WorkflowStatus.Cancelled;
        return new RunRow
        {
            Id = summary.Id,
            Objective = summary.Objective,
            Status = summary.Status,
            StepCount = summary.StepCount,
            StartedAt = summary.CreatedAt,
            FinishedAt = terminal ? summary.UpdatedAt : null,
            FailureReason = summary.FailureReason,
            Resumptions = details.Resumptions,
            Silo = details.Silo,
            Verification = summary.Verification,
            Schedule = summary.Schedule,
        };
    }
}
