namespace ScribeActors.DemoSites.Layout;

/// <summary>
/// A small deterministic generator (SplitMix64) derived from a seed and a key. Unlike <see cref="Random"/> its sequence is
/// fixed by this code, so the same seed gives the same pages and data on every runtime version.
/// </summary>
internal sealed class SeededRandom
{
    private ulong _state;

    public SeededRandom(int seed, string key)
    {
        _state = ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) ^ Fnv1A(key);
        NextUInt64();
    }

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        var z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A value in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (int)(NextUInt64() % (ulong)maxExclusive);
    }

    /// <summary>A value in [<paramref name="min"/>, <paramref name="maxExclusive"/>).</summary>
    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    /// <summary>A value in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>A Fisher–Yates shuffle of a copy of <paramref name="items"/>.</summary>
    public List<T> Shuffled<T>(IEnumerable<T> items)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }

    private static ulong Fnv1A(string key)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in key)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }

        return hash;
    }
}
