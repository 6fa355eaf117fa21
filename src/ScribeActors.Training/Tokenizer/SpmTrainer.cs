using System.Text;

namespace ScribeActors.Training.Tokenizer;

/// <summary>
/// Learns an <see cref="SpmVocabulary"/> from a corpus by byte-pair merges, the way SentencePiece's BPE does: texts get
/// the space prefix and "▁" for spaces, are cut into words before each "▁" run (merges never cross a word), characters
/// become the base pieces (most frequent first), then the most frequent adjacent pair is merged again and again (ties:
/// the smaller left id, then the smaller right id) and each new piece gets score −rank. Pair counts are updated
/// incrementally, only in the words a merge touches. The same corpus and options give the same vocabulary.
/// </summary>
public static class SpmTrainer
{
    /// <summary>Learns a vocabulary from <paramref name="corpus"/>; throws when the corpus is empty.</summary>
    public static SpmVocabulary Train(IEnumerable<string> corpus, SpmTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var wordCounts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var text in corpus)
        {
            var normal = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text ?? string.Empty));
            normal = (options.AddSpacePrefix ? " " + normal : normal).Replace(' ', SpmVocabulary.SpaceMarker);
            foreach (var word in Words(normal))
            {
                wordCounts[word] = wordCounts.GetValueOrDefault(word) + 1;
            }
        }

        if (wordCounts.Count == 0)
        {
            throw new ArgumentException("The corpus is empty: a vocabulary needs text to learn from.", nameof(corpus));
        }

        var tokens = Enumerable.Range(0, SpmVocabulary.FirstByteId + 256).Select(i => SpmVocabulary.Fixed(i).Text).ToList();
        var types = Enumerable.Range(0, SpmVocabulary.FirstByteId + 256).Select(i => SpmVocabulary.Fixed(i).Type).ToList();
        var scores = Enumerable.Repeat(0f, tokens.Count).ToList();

        // Base pieces: characters by frequency (then ordinal), as many as fit.
        var words = wordCounts.OrderBy(w => w.Key, StringComparer.Ordinal).ToArray();
        var chars = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (word, count) in words)
        {
            foreach (var rune in word.EnumerateRunes())
            {
                var c = rune.ToString();
                chars[c] = chars.GetValueOrDefault(c) + count;
            }
        }

        var size = options.VocabSize - options.ControlTokens.Count; // the control tokens take the last places
        foreach (var c in chars.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Take(size - tokens.Count))
        {
            tokens.Add(c.Key);
            types.Add(SpmTokenType.Normal);
            scores.Add(0f);
        }

        var ids = tokens.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i, StringComparer.Ordinal);
        var merges = new BpeMerges(ids, words);
        var rank = 0;
        while (tokens.Count < size && merges.Best(options.MinPairFrequency) is { } pair)
        {
            var text = tokens[pair.Left] + tokens[pair.Right];
            var existing = ids.GetValueOrDefault(text, -1);
            if (text.Length > options.MaxPieceLength || (existing >= 0 && types[existing] != SpmTokenType.Normal))
            {
                merges.Forbid(pair);
                continue;
            }

            if (existing < 0)
            {
                existing = tokens.Count;
                ids[text] = existing;
                tokens.Add(text);
                types.Add(SpmTokenType.Normal);
                scores.Add(-rank++);
            }

            merges.Merge(pair, existing);
        }

        foreach (var control in options.ControlTokens)
        {
            if (ids.TryGetValue(control, out var learned))
            {
                types[learned] = SpmTokenType.Control; // a marker the corpus spelled out is still one control token
                continue;
            }

            tokens.Add(control);
            types.Add(SpmTokenType.Control);
            scores.Add(0f);
        }

        return new SpmVocabulary(tokens, scores, types, options.AddSpacePrefix);
    }

    /// <summary>Cuts a normalised text into words: a new word starts at each "▁" run and around control characters.</summary>
    internal static IEnumerable<string> Words(string text)
    {
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            var cut = i == text.Length
                || char.IsControl(text[i]) || char.IsControl(text[i - 1])
                || (text[i] == SpmVocabulary.SpaceMarker && text[i - 1] != SpmVocabulary.SpaceMarker);
            if (cut)
            {
                yield return text[start..i];
                start = i;
            }
        }
    }
}
