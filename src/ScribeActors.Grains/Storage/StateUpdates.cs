using Orleans.Storage;

namespace ScribeActors.Grains.Storage;

/// <summary>Writes grain state as a change applied to what is stored: when the write meets a conflict (the stored copy
/// changed: another activation wrote, or storage lost writes it had acknowledged), the state is read again and the change
/// applied to that, so the outcome is decided from what is stored, not from a stale copy.</summary>
internal static class StateUpdates
{
    /// <summary>How often a change is applied after conflicts before the conflict is reported.</summary>
    public const int MaxAttempts = 3;

    /// <summary>Applies <paramref name="change"/> to the state and writes it when the change says something changed.</summary>
    /// <param name="state">The grain's state.</param>
    /// <param name="change">Changes the state in place; returns whether anything changed (nothing to write otherwise).
    /// Runs again on the freshly read state after a conflict, so it must decide from the state it is given.</param>
    /// <returns>Whether a write happened.</returns>
    /// <exception cref="InconsistentStateException">Still conflicting after <see cref="MaxAttempts"/> attempts.</exception>
    public static async Task<bool> UpdateAsync<T>(IPersistentState<T> state, Func<T, bool> change)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (!change(state.State))
            {
                return false;
            }

            try
            {
                await state.WriteStateAsync();
                return true;
            }
            catch (InconsistentStateException) when (attempt < MaxAttempts)
            {
                await state.ReadStateAsync();
            }
        }
    }
}
