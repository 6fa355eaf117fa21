using System.Text;

namespace ScribeActors.Training.Tokenizer;

/// <summary>
/// Tokenizes text exactly as llama.cpp's SPM ("llama") tokenizer does with the same <see cref="SpmVocabulary"/>, so
/// training can tokenize without the native library: a space before the text (<see cref="SpmVocabulary.AddSpacePrefix"/>),
/// spaces as "▁", one symbol per character, then repeatedly the adjacent pair whose joined text is the highest-scoring
/// token is merged (ties: the leftmost); a symbol that is no token becomes its UTF-8 byte tokens.
/// </summary>
public sealed class SpmTokenizer
{
    private readonly SpmVocabulary _vocabulary;
    private readonly string[] _special;

    /// <summary>Creates the tokenizer for <paramref name="vocabulary"/>.</summary>
    public SpmTokenizer(SpmVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        _vocabulary = vocabulary;

        // llama.cpp splits special tokens out longest first; only control and unknown tokens, and only when asked.
        _special = [.. Enumerable.Range(0, vocabulary.Count)
            .Where(i => vocabulary.Types[i] is SpmTokenType.Control or SpmTokenType.Unknown)
            .Select(i => vocabulary.Tokens[i])
            .OrderByDescending(t => t.Length)];
    }

    /// <summary>The vocabulary.</summary>
    public SpmVocabulary Vocabulary => _vocabulary;

    /// <summary>
    /// The token ids of <paramref name="text"/>, as llama.cpp's <c>llama_tokenize(text, add_special: addBos,
    /// parse_special: parseSpecial)</c> returns them. With <paramref name="parseSpecial"/>, the texts <c>&lt;s&gt;</c>,
    /// <c>&lt;/s&gt;</c> and <c>&lt;unk&gt;</c> become those tokens; without, they are ordinary text.
    /// </summary>
    public int[] Encode(string text, bool addBos = false, bool parseSpecial = false)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Native callers pass UTF-8; a lone surrogate arrives as U+FFFD, so normalise the same way.
        text = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));
        var output = new List<int>(text.Length / 2 + 2);
        if (addBos)
        {
            output.Add(SpmVocabulary.BosId);
        }

        var previousSpecial = true;
        foreach (var (piece, special) in Fragments(text, parseSpecial))
        {
            if (special >= 0)
            {
                output.Add(special);
                previousSpecial = true;
                continue;
            }

            var raw = _vocabulary.AddSpacePrefix && previousSpecial ? " " + piece : piece;
            EncodeRaw(raw.Replace(' ', SpmVocabulary.SpaceMarker), output);
            previousSpecial = false;
        }

        return [.. output];
    }

    /// <summary>The text of <paramref name="ids"/> (byte tokens joined as UTF-8, "▁" as space, the added leading space removed; special tokens dropped).</summary>
    public string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var bytes = new List<byte>();
        foreach (var id in ids)
        {
            var type = _vocabulary.Types[id];
            if (type == SpmTokenType.Byte)
            {
                bytes.Add((byte)(id - SpmVocabulary.FirstByteId));
            }
            else if (type == SpmTokenType.Normal)
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(_vocabulary.Tokens[id].Replace(SpmVocabulary.SpaceMarker, ' ')));
            }
        }

        var text = Encoding.UTF8.GetString([.. bytes]);
        return _vocabulary.AddSpacePrefix && text.StartsWith(' ') ? text[1..] : text;
    }

    private IEnumerable<(string Text, int Special)> Fragments(string text, bool parseSpecial)
    {
        // Like llama.cpp, an empty text has no fragment at all (so not even the space prefix).
        var fragments = new List<(string Text, int Special)>();
        if (text.Length > 0)
        {
            fragments.Add((text, -1));
        }

        if (!parseSpecial)
        {
            return fragments;
        }

        foreach (var special in _special)
        {
            var id = _vocabulary.IdOf(special);
            var next = new List<(string Text, int Special)>();
            foreach (var fragment in fragments)
            {
                if (fragment.Special >= 0)
                {
                    next.Add(fragment);
                    continue;
                }

                var parts = fragment.Text.Split(special);
                for (var i = 0; i < parts.Length; i++)
                {
                    if (i > 0)
                    {
                        next.Add((special, id));
                    }

                    if (parts[i].Length > 0)
                    {
                        next.Add((parts[i], -1));
                    }
                }
            }

            fragments = next;
        }

        return fragments;
    }

    private void EncodeRaw(string text, List<int> output)
    {
        if (text.Length == 0)
        {
            return;
        }

        var symbols = new List<Symbol>(text.Length);
        for (var at = 0; at < text.Length;)
        {
            var length = char.IsHighSurrogate(text[at]) && at + 1 < text.Length && char.IsLowSurrogate(text[at + 1]) ? 2 : 1;
            symbols.Add(new Symbol(at, length, symbols.Count - 1, at + length == text.Length ? -1 : symbols.Count + 1));
            at += length;
        }

        var queue = new PriorityQueue<Bigram, Bigram>(Bigram.Order);
        for (var i = 1; i < symbols.Count; i++)
        {
            TryAddBigram(text, symbols, queue, i - 1, i);
        }

        while (queue.TryDequeue(out var bigram, out _))
        {
            var left = symbols[bigram.Left];
            var right = symbols[bigram.Right];
            if (left.Length == 0 || right.Length == 0 || left.Length + right.Length != bigram.Size)
            {
                continue;
            }

            left.Length += right.Length;
            right.Length = 0;
            left.Next = right.Next;
            if (right.Next >= 0)
            {
                symbols[right.Next].Prev = bigram.Left;
            }

            TryAddBigram(text, symbols, queue, left.Prev, bigram.Left);
            TryAddBigram(text, symbols, queue, bigram.Left, left.Next);
        }

        Span<byte> utf8 = stackalloc byte[8];
        for (var i = 0; i != -1; i = symbols[i].Next)
        {
            var symbol = symbols[i];
            var piece = text.AsSpan(symbol.Start, symbol.Length);
            if (_vocabulary.Lookup.TryGetValue(piece, out var id))
            {
                output.Add(id);
                continue;
            }

            // Only single characters can be missing (every merge makes a token); they fall back to their bytes.
            var count = Encoding.UTF8.GetBytes(piece, utf8);
            foreach (var b in utf8[..count])
            {
                output.Add(SpmVocabulary.FirstByteId + b);
            }
        }
    }

    private void TryAddBigram(string text, List<Symbol> symbols, PriorityQueue<Bigram, Bigram> queue, int left, int right)
    {
        if (left == -1 || right == -1)
        {
            return;
        }

        var size = symbols[left].Length + symbols[right].Length;
        if (_vocabulary.Lookup.TryGetValue(text.AsSpan(symbols[left].Start, size), out var id))
        {
            var bigram = new Bigram(left, right, _vocabulary.Scores[id], size);
            queue.Enqueue(bigram, bigram);
        }
    }

    private sealed class Symbol(int start, int length, int prev, int next)
    {
        public int Start { get; } = start;

        public int Length { get; set; } = length;

        public int Prev { get; set; } = prev;

        public int Next { get; set; } = next;
    }

    private readonly record struct Bigram(int Left, int Right, float Score, int Size)
    {
        // llama.cpp's queue pops the highest score first, then the smallest left index.
        public static readonly IComparer<Bigram> Order = Comparer<Bigram>.Create((a, b) =>
            a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Left.CompareTo(b.Left));
    }
}
