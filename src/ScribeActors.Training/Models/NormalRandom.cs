namespace ScribeActors.Training.Models;

/// <summary>
/// Standard normal numbers from a seed, the same on every .NET version: SplitMix64 for uniform bits, Box–Muller for
/// the normal (System.Random's sequence is not promised to stay the same across versions).
/// </summary>
internal sealed class NormalRandom(ulong seed)
{
    private ulong _state = seed;
    private float? _spare;

    /// <summary>The next N(0, 1) sample.</summary>
    public float Next()
    {
        if (_spare is { } spare)
        {
            _spare = null;
            return spare;
        }

        var u1 = (NextBits() >> 11) * (1.0 / (1UL << 53));
        var u2 = (NextBits() >> 11) * (1.0 / (1UL << 53));
        var radius = Math.Sqrt(-2.0 * Math.Log(1.0 - u1));
        var angle = 2.0 * Math.PI * u2;
        _spare = (float)(radius * Math.Sin(angle));
        return (float)(radius * Math.Cos(angle));
    }

    private ulong NextBits()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
