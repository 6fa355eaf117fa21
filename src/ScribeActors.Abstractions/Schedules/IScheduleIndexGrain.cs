namespace ScribeActors.Abstractions;

/// <summary>The list of all schedule ids. Key: <see cref="DefaultKey"/>.</summary>
[Alias("scribe.IScheduleIndexGrain")]
public interface IScheduleIndexGrain : IGrainWithStringKey
{
    /// <summary>The key of the one index grain.</summary>
    const string DefaultKey = "all";

    /// <summary>Adds a schedule id.</summary>
    [Alias("Add")]
    Task AddAsync(string scheduleId);

    /// <summary>Removes a schedule id.</summary>
    [Alias("Remove")]
    Task RemoveAsync(string scheduleId);

    /// <summary>Lists schedule ids.</summary>
    [Alias("List")]
    Task<string[]> ListAsync();
}
