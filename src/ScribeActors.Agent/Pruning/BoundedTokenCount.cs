namespace ScribeActors.Agent.Pruning;

/// <summary>
/// Counts the tokens of a text, or of its tail from an offset, without reading more of a long text than a limit needs:
/// the count is exact when it is at most the limit; otherwise reading stops as soon as the count is known to exceed it.
/// A fitter asks "does this fit?" of a 10 MB page with a budget of a few thousand tokens; a tokenizer that read the
/// whole page for that would cost seconds (a model's tokenizer reads about 2 MB/s), and the answer needs only the
/// first few budgets' worth of it.
/// </summary>
/// <remarks>
/// A text much longer than the limit is read in pieces cut just before a space, and the pieces' counts are added up.
/// Tokenizers split words at white space before anything else (byte-level BPE pre-tokenizers) or have no piece
/// spanning white space (SentencePiece), so pieces cut there add up to the whole; a tokenizer that adds a space to the
/// start of each text it counts, or fuses a few characters across the cut, is off by a token or two per piece, which
/// <see cref="SlackPerPiece"/> allows for. The limit is declared exceeded only when the sum less that slack exceeds it;
/// a text that turns out to fit is counted again whole, so a count within the limit is always exact.
/// </remarks>
internal static class BoundedTokenCount
{
    /// <summary>Tokens a cut may add to the sum of the pieces' counts, per piece.</summary>
    public const int SlackPerPiece = 2;

    /// <summary>Shortest text read in pieces; a shorter one is counted in one call.</summary>
    private const int MinPieceChars = 1024;

    /// <summary>
    /// The number of tokens of <c>text[start..]</c> when it is at most <paramref name="limit"/>; otherwise a number
    /// greater than <paramref name="limit"/> (a lower bound of the count, not the count).
    /// </summary>
    public static int CountUpTo(ITokenCounter counter, string text, int start, int limit) =>
        CountUpTo(counter, text, start, text.Length - start, limit);

    /// <summary>
    /// The number of tokens of the <paramref name="length"/> characters of <paramref name="text"/> from
    /// <paramref name="start"/> when it is at most <paramref name="limit"/>; otherwise a number greater than
    /// <paramref name="limit"/> (a lower bound of the count, not the count).
    /// </summary>
    public static int CountUpTo(ITokenCounter counter, string text, int start, int length, int limit)
    {
        var first = Math.Max(limit + 1, MinPieceChars);
        if (length <= 2 * (long)first)
        {
            return counter.CountTokens(start == 0 && length == text.Length ? text : text.Substring(start, length));
        }

        var end = start + length;
        var position = start;
        var sum = 0L;
        var pieces = 0;
        var want = first;
        while (position < end)
        {
            var cut = Cut(text, position, end, want);
            sum += counter.CountTokens(text[position..cut]);
            pieces++;
            position = cut;
            var lowerBound = sum - (SlackPerPiece * (long)pieces);
            if (lowerBound > limit)
            {
                return (int)Math.Min(lowerBound, int.MaxValue);
            }

            // Enough of the rest to pass the limit at the density seen so far, with a margin.
            var needed = limit + 1 + (SlackPerPiece * (pieces + 1L)) - sum;
            var density = (double)sum / (position - start);
            want = sum == 0 ? (position - start) * 2 : (int)Math.Min(int.MaxValue / 2, (needed / density * 1.15) + 64);
            want = Math.Max(want, MinPieceChars / 4);
        }

        // Everything was read and the limit may hold: the exact count decides.
        return counter.CountTokens(start == 0 && length == text.Length ? text : text.Substring(start, length));
    }

    // End of a piece of about want characters from position (before end): just before a space in the piece's second
    // half, else just before one in the following half-piece, else at want (never inside a surrogate pair).
    private static int Cut(string text, int position, int end, int want)
    {
        var target = position + (long)want;
        if (target >= end)
        {
            return end;
        }

        var cut = (int)target;
        var half = Math.Max(1, want / 2);
        var back = text.LastIndexOf(' ', cut, half);
        if (back > position)
        {
            return back;
        }

        var ahead = text.IndexOf(' ', cut, Math.Min(half, end - cut));
        if (ahead > position)
        {
            return ahead;
        }

        return char.IsHighSurrogate(text[cut - 1]) ? cut - 1 : cut;
    }
}
