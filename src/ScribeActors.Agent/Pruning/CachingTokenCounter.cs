namespace ScribeActors.Agent.Pruning;

/// <summary>
/// Wraps an <see cref="ITokenCounter"/> and memoises its counts for short strings in a bounded least-recently-used
/// cache (the reference memoises its ratio function the same way, LRU 4096). Thread-safe.
/// </summary>
/// <remarks>
/// Only strings of at most <see cref="MaxCachedLength"/> characters are cached (attribute values and class tokens repeat
/// a lot; whole documents never repeat and would pin megabytes). Longer strings go straight to the inner counter.
/// </remarks>
public sealed class CachingTokenCounter : ITokenCounter
{
    /// <summary>Default number of cached entries.</summary>
    public const int DefaultCapacity = 4096;

    /// <summary>Default longest cached string, in characters.</summary>
    public const int DefaultMaxCachedLength = 1024;

    private readonly ITokenCounter _inner;
    private readonly Dictionary<string, LinkedListNode<(string Text, int Count)>> _map;
    private readonly LinkedList<(string Text, int Count)> _order = new();
    private readonly Lock _lock = new();

    /// <summary>Creates a cache around <paramref name="inner"/>.</summary>
    /// <param name="inner">The counter whose results are memoised.</param>
    /// <param name="capacity">Most entries kept (default 4096); the least recently used goes first.</param>
    /// <param name="maxCachedLength">Longest string cached, in characters (default 1024).</param>
    /// <exception cref="ArgumentNullException"><paramref name="inner"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is less than 1 or
    /// <paramref name="maxCachedLength"/> is negative.</exception>
    public CachingTokenCounter(ITokenCounter inner, int capacity = DefaultCapacity, int maxCachedLength = DefaultMaxCachedLength)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCachedLength);
        _inner = inner;
        Capacity = capacity;
        MaxCachedLength = maxCachedLength;
        _map = new Dictionary<string, LinkedListNode<(string, int)>>(capacity, StringComparer.Ordinal);
    }

    /// <summary>Most entries kept.</summary>
    public int Capacity { get; }

    /// <summary>Longest string cached, in characters.</summary>
    public int MaxCachedLength { get; }

    /// <summary>How many entries the cache holds now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _map.Count;
            }
        }
    }

    /// <summary>The inner counter's name (caching does not change counts).</summary>
    public string Name => _inner.Name;

    /// <inheritdoc />
    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxCachedLength)
        {
            return _inner.CountTokens(text);
        }

        lock (_lock)
        {
            if (_map.TryGetValue(text, out var hit))
            {
                _order.Remove(hit);
                _order.AddFirst(hit);
                return hit.Value.Count;
            }
        }

        // Counted outside the lock: a slow tokenizer must not serialise all callers. Two threads may count the same
        // string at once; both get the same value and the second insert is skipped.
        var count = _inner.CountTokens(text);
        lock (_lock)
        {
            if (!_map.ContainsKey(text))
            {
                if (_map.Count >= Capacity)
                {
                    var oldest = _order.Last!;
                    _order.RemoveLast();
                    _map.Remove(oldest.Value.Text);
                }

                _map[text] = _order.AddFirst((text, count));
            }
        }

        return count;
    }
}
