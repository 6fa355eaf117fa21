namespace ScribeActors.Training.Tokenizer;

/// <summary>
/// The counting state of BPE training: each distinct word as a sequence of piece ids with its frequency, the count of
/// every adjacent pair, the words each pair occurs in, and a max-queue of pairs (stale entries are skipped when popped).
/// A merge rewrites only the words holding the pair and updates only the counts of the pairs it changes.
/// </summary>
internal sealed class BpeMerges
{
    private readonly int[][] _words;
    private readonly long[] _frequency;
    private readonly Dictionary<long, long> _counts = [];
    private readonly Dictionary<long, HashSet<int>> _where = [];
    private readonly HashSet<long> _forbidden = [];
    private readonly PriorityQueue<long, (long Count, long Key)> _queue = new(Comparer<(long Count, long Key)>.Create(
        (a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : a.Key.CompareTo(b.Key)));

    /// <summary>Builds the state; characters without an id (left out of the vocabulary) break a word and never merge.</summary>
    public BpeMerges(IReadOnlyDictionary<string, int> ids, IReadOnlyList<KeyValuePair<string, long>> words)
    {
        _words = new int[words.Count][];
        _frequency = new long[words.Count];
        var touched = new HashSet<long>();
        for (var w = 0; w < words.Count; w++)
        {
            _words[w] = [.. words[w].Key.EnumerateRunes().Select(r => ids.TryGetValue(r.ToString(), out var id) ? id : -1)];
            _frequency[w] = words[w].Value;
            Count(w, +1, touched);
        }

        Push(touched);
    }

    /// <summary>The most frequent pair seen at least <paramref name="minFrequency"/> times, or null.</summary>
    public (int Left, int Right)? Best(int minFrequency)
    {
        while (_queue.TryPeek(out var key, out var priority))
        {
            if (_forbidden.Contains(key) || _counts.GetValueOrDefault(key) != priority.Count)
            {
                _queue.Dequeue();
                continue;
            }

            return priority.Count >= minFrequency ? ((int)(key >> 32), (int)(key & 0xFFFFFFFF)) : null;
        }

        return null;
    }

    /// <summary>Never offers <paramref name="pair"/> again (its piece would be too long or clash with a special token).</summary>
    public void Forbid((int Left, int Right) pair) => _forbidden.Add(Key(pair.Left, pair.Right));

    /// <summary>Replaces every occurrence of <paramref name="pair"/> (left to right, not overlapping) with <paramref name="id"/>.</summary>
    public void Merge((int Left, int Right) pair, int id)
    {
        var key = Key(pair.Left, pair.Right);
        if (!_where.Remove(key, out var words))
        {
            return;
        }

        var touched = new HashSet<long>();
        foreach (var w in words.Order())
        {
            var symbols = _words[w];
            Count(w, -1, touched);
            var merged = new List<int>(symbols.Length);
            for (var i = 0; i < symbols.Length; i++)
            {
                if (i + 1 < symbols.Length && symbols[i] == pair.Left && symbols[i + 1] == pair.Right)
                {
                    merged.Add(id);
                    i++;
                }
                else
                {
                    merged.Add(symbols[i]);
                }
            }

            _words[w] = [.. merged];
            Count(w, +1, touched);
        }

        Push(touched);
    }

    private static long Key(int left, int right) => ((long)left << 32) | (uint)right;

    private void Count(int w, int sign, HashSet<long> touched)
    {
        var symbols = _words[w];
        for (var i = 0; i + 1 < symbols.Length; i++)
        {
            if (symbols[i] < 0 || symbols[i + 1] < 0)
            {
                continue;
            }

            var key = Key(symbols[i], symbols[i + 1]);
            _counts[key] = _counts.GetValueOrDefault(key) + (sign * _frequency[w]);
            touched.Add(key);
            if (sign > 0)
            {
                if (!_where.TryGetValue(key, out var set))
                {
                    _where[key] = set = [];
                }

                set.Add(w);
            }
        }
    }

    private void Push(HashSet<long> touched)
    {
        foreach (var key in touched)
        {
            var count = _counts.GetValueOrDefault(key);
            if (count > 0 && !_forbidden.Contains(key))
            {
                _queue.Enqueue(key, (count, key));
            }
        }
    }
}
