using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ScribeActors.Abstractions;
using ScribeActors.Grains;
using ScribeActors.Grains.Schedules;

namespace ScribeActors.Silo.Viewer;

/// <summary>The schedules page's data: each schedule (as <c>GET /api/schedules</c> returns it) with its next few
/// occurrences, computed from its cron expression and time zone as the schedule grain does.</summary>
public static class ScheduleList
{
    /// <summary>How many coming occurrences a row shows.</summary>
    public const int Occurrences = 5;

    /// <summary>Every schedule, by id.</summary>
    public static async Task<IResult> ListAsync(IGrainFactory grains, [FromKeyedServices(ScribeClock.Key)] TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(time);
        var ids = await grains.GetGrain<IScheduleIndexGrain>(IScheduleIndexGrain.DefaultKey).ListAsync();
        var now = time.GetUtcNow();
        var rows = await Task.WhenAll(ids.Order(StringComparer.Ordinal).Select(async id =>
        {
            try
            {
                return Row(await grains.GetGrain<IScheduleGrain>(id).GetAsync(), now);
            }
            catch (ScheduleNotFoundException)
            {
                return null; // removed between listing and reading
            }
        }));
        return Results.Ok(rows.OfType<ScheduleRow>().ToArray());
    }

    private static ScheduleRow Row(ScheduleSnapshot schedule, DateTimeOffset now)
    {
        var next = new List<DateTimeOffset>(Occurrences);
        try
        {
            var cron = CronSchedule.Parse(schedule.Spec);
            for (var at = cron.Next(now); at is { } occurrence && next.Count < Occurrences; at = cron.Next(occurrence))
            {
                next.Add(occurrence);
            }
        }
        catch (InvalidScheduleException)
        {
            // A stored schedule the parser no longer takes: shown without occurrences rather than hiding the list.
        }

        return new ScheduleRow
        {
            Id = schedule.Id,
            Cron = schedule.Spec.Cron,
            TimeZone = schedule.Spec.TimeZone,
            Objective = schedule.Spec.Workflow.Objective,
            NextOccurrences = next,
            LastOccurrence = schedule.LastOccurrence,
            LastWorkflowId = schedule.LastWorkflowId,
            RunCount = schedule.RunCount,
            CreatedAt = schedule.CreatedAt,
        };
    }
}
