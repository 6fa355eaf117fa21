using Cronos;
using ScribeActors.Abstractions;

namespace ScribeActors.Grains.Schedules;

/// <summary>A parsed cron expression with its time zone.</summary>
public sealed class CronSchedule
{
    private readonly CronExpression _expression;
    private readonly TimeZoneInfo _zone;

    private CronSchedule(CronExpression expression, TimeZoneInfo zone)
    {
        _expression = expression;
        _zone = zone;
    }

    /// <summary>Parses <paramref name="spec"/>; throws <see cref="InvalidScheduleException"/> naming the bad part.</summary>
    public static CronSchedule Parse(ScheduleSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var cron = spec.Cron?.Trim() ?? "";
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is not (5 or 6))
        {
            throw new InvalidScheduleException($"Cron expression '{cron}' has {fields} fields; expected 5 (minute hour day month weekday) or 6 (with seconds first).");
        }

        CronExpression expression;
        try
        {
            expression = CronExpression.Parse(cron, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException e)
        {
            throw new InvalidScheduleException($"Cron expression '{cron}' is invalid: {e.Message}");
        }

        TimeZoneInfo zone;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrWhiteSpace(spec.TimeZone) ? "UTC" : spec.TimeZone);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new InvalidScheduleException($"Time zone '{spec.TimeZone}' is unknown: use an IANA id such as 'Europe/Berlin' or 'UTC'.");
        }

        var errors = spec.Workflow is { } workflow ? Agent.Success.SuccessRule.ValidateSpec(workflow) : ["Workflow is missing."];
        if (errors.Count > 0)
        {
            throw new InvalidScheduleException("The scheduled workflow spec is invalid: " + string.Join(" ", errors));
        }

        return new CronSchedule(expression, zone);
    }

    /// <summary>The first occurrence strictly after <paramref name="from"/>.</summary>
    public DateTimeOffset? Next(DateTimeOffset from) => _expression.GetNextOccurrence(from, _zone);

    /// <summary>The latest occurrence in (<paramref name="after"/>, <paramref name="upTo"/>], or <see langword="null"/>.</summary>
    public DateTimeOffset? LatestDue(DateTimeOffset after, DateTimeOffset upTo)
    {
        DateTimeOffset? latest = null;
        foreach (var occurrence in _expression.GetOccurrences(after, upTo, _zone, fromInclusive: false, toInclusive: true))
        {
            latest = occurrence;
        }

        return latest;
    }
}
