using ScribeActors.Abstractions;
using ScribeActors.Grains.Storage;

namespace ScribeActors.Grains.Schedules;

/// <summary>Keeps the ids of all schedules.</summary>
public sealed class ScheduleIndexGrain(
    [PersistentState("schedules", StorageNames.State)] IPersistentState<ScheduleIndexState> state) : Grain, IScheduleIndexGrain
{
    Task IScheduleIndexGrain.AddAsync(string scheduleId) => StateUpdates.UpdateAsync(state, index => index.Ids.Add(scheduleId));

    Task IScheduleIndexGrain.RemoveAsync(string scheduleId) => StateUpdates.UpdateAsync(state, index => index.Ids.Remove(scheduleId));

    Task<string[]> IScheduleIndexGrain.ListAsync() =>
        Task.FromResult(state.State.Ids.Order(StringComparer.Ordinal).ToArray());
}
