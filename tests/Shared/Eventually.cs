using System.Diagnostics;

namespace ScribeActors.Testing;

/// <summary>
/// The one polling helper of the test projects: waits, on a monotonic clock, for a condition that something else makes
/// true on its own schedule, and fails (<see cref="TimeoutException"/>) naming what it waited for.
/// </summary>
public static class Eventually
{
    /// <summary>How long a condition is waited for unless a test says otherwise.</summary>
    public static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public static Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? patience = null) =>
        ValueAsync(condition, held => held, what, patience);

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? patience = null) =>
        ValueAsync(() => Task.FromResult(condition()), held => held, what, patience);

    /// <summary>Probes until <paramref name="reads"/> readings in a row are equal (something settling on its own, like
    /// processes exiting a moment after what held them went away), and returns the last; the failure shows the last
    /// value through <paramref name="describe"/> when given.</summary>
    public static Task<T> StableAsync<T>(Func<Task<T>> probe, int reads, string what, TimeSpan? patience = null, Func<T, string>? describe = null) =>
        StableAsync(probe, value => value, reads, what, patience, describe);

    /// <summary>Probes until <paramref name="reads"/> readings in a row agree on what <paramref name="settles"/> picks out
    /// of them (the part that is expected to stop moving), and returns the last; the failure shows the last value through
    /// <paramref name="describe"/> when given.</summary>
    public static Task<T> StableAsync<T, TKey>(Func<Task<T>> probe, Func<T, TKey> settles, int reads, string what, TimeSpan? patience = null, Func<T, string>? describe = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(settles);
        ArgumentOutOfRangeException.ThrowIfLessThan(reads, 2);
        var equal = EqualityComparer<TKey>.Default;
        var run = 0;
        TKey last = default!;
        return ValueAsync(
            async () =>
            {
                var value = await probe();
                var key = settles(value);
                run = run > 0 && equal.Equals(key, last) ? run + 1 : 1;
                last = key;
                return value;
            },
            _ => run >= reads,
            $"{what} ({reads} agreeing readings in a row)",
            patience,
            describe);
    }

    /// <summary>Probes until <paramref name="accept"/> takes the value, and returns it; the failure shows the last value
    /// through <paramref name="describe"/> when given.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> probe, Func<T, bool> accept, string what, TimeSpan? patience = null, Func<T, string>? describe = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(accept);
        var limit = patience ?? DefaultPatience;
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (accept(value))
            {
                return value;
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0.#} s waiting for: {what}{(describe is null ? "" : $". Last seen: {describe(value)}")}");
            }

            await Task.Delay(Poll);
        }
    }
}
