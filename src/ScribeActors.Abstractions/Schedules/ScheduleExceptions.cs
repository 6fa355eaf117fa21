namespace ScribeActors.Abstractions;

/// <summary>A schedule spec was rejected; the message names the problem.</summary>
[GenerateSerializer, Alias("scribe.InvalidScheduleException")]
public sealed class InvalidScheduleException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidScheduleException(string message) : base(message)
    {
    }
}

/// <summary>No schedule has the given id.</summary>
[GenerateSerializer, Alias("scribe.ScheduleNotFoundException")]
public sealed class ScheduleNotFoundException : Exception
{
    /// <summary>Creates the exception for <paramref name="scheduleId"/>.</summary>
    public ScheduleNotFoundException(string scheduleId) : base($"No schedule with id '{scheduleId}' exists.") => ScheduleId = scheduleId;

    /// <summary>The unknown id.</summary>
    [Id(0)] public string ScheduleId { get; init; }
}
