using ScribeActors.Abstractions;

namespace ScribeActors.Grains.Schedules;

/// <summary>Keeps the ids of all schedules.</summary>
public sealed class ScheduleIndexGrain(
    [PersistentState("schedules", StorageNames.State)] IPersistentState<ScheduleIndexState> state) : Grain, IScheduleIndexGrain
{
    async Task IScheduleIndexGrain.AddAsync(string scheduleId)
    {
        if (state.State.Ids.Add(scheduleId))
        {
            await state.WriteStateAsync();
        }
    }

    async Task IScheduleIndexGrain.RemoveAsync(string scheduleId)
    {
        if (state.State.Ids.Remove(scheduleId))
        {
            await state.WriteStateAsync();
        }
    }

    Task<string[]> IScheduleIndexGrain.ListAsync() =>
        Task.FromResult(state.State.Ids.Order(StringComparer.Ordinal).ToArray());
}
