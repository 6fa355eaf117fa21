using System.Globalization;

namespace ScribeActors.Agent.Pruning;

/// <summary>
/// A model-free token counter that imitates a Qwen2/Qwen2.5 byte-level BPE tokenizer closely enough for the
/// char-to-token ratio filter (threshold 2.0) and for rough budgets.
/// </summary>
/// <remarks>
/// <para>The text is split the way Qwen's pre-tokenizer splits it, then each piece gets an estimated cost:</para>
/// <list type="bullet">
/// <item>every digit is one token (Qwen splits numbers into single digits);</item>
/// <item>a letter run (with the one space or punctuation character directly before it, which Qwen's pre-tokenizer glues
/// to the word) is split at camel-case humps; a segment with a vowel costs <c>ceil(len/4)</c>, a vowel-less segment of up
/// to 3 letters (<c>btn</c>, <c>nav</c>, <c>px</c>) costs 1 and a longer vowel-less one <c>ceil(len/2)</c>;</item>
/// <item>a letter run with at least two lower-to-upper case changes that make up a quarter or more of its letters
/// (<c>bdVaJa</c>, base64 such as <c>dGhpcyBpcyBh</c>) is treated as noise and costs <c>ceil(len/1.5)</c>;</item>
/// <item>non-ASCII letters: CJK and later scripts one token per character, other scripts <c>ceil(len/2)</c>;</item>
/// <item>a run of two or more punctuation/symbol characters costs <c>ceil(len/2)</c> (Qwen has single tokens for
/// <c>="</c>, <c>"&gt;</c>, <c>&lt;/</c>, <c>://</c>); a lone one that is not glued to a word costs 1;</item>
/// <item>a whitespace run costs 1, except a single space glued to the following word or punctuation.</item>
/// </list>
/// <para>Tuned so that hashed or digit-heavy class names (<c>css-1x2y3z4</c>, <c>a8f3e2c1</c>, <c>sc-bdVaJa</c>) fall
/// below a ratio of 2 and ordinary names (<c>wrapper</c>, <c>btn</c>, <c>btn-primary</c>, <c>search-input</c>) stay
/// above it. It is an estimate: for parity with a trained model use a counter backed by the model's own tokenizer.
/// Stateless and thread-safe.</para>
/// </remarks>
public sealed class ApproximateTokenCounter : ITokenCounter
{
    /// <summary>A shared instance (the counter has no state).</summary>
    public static ApproximateTokenCounter Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "approximate-qwen";

    /// <inheritdoc />
    public int CountTokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return CountTokens(text.AsSpan());
    }

    /// <summary>The estimated number of tokens of <paramref name="text"/>.</summary>
    public static int CountTokens(ReadOnlySpan<char> text)
    {
        var tokens = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsDigit(c))
            {
                tokens++;
                i++;
            }
            else if (char.IsLetter(c))
            {
                var end = LetterRunEnd(text, i);
                tokens += LetterRunCost(text[i..end], glued: false);
                i = end;
            }
            else if (char.IsWhiteSpace(c))
            {
                var end = i;
                while (end < text.Length && char.IsWhiteSpace(text[end]))
                {
                    end++;
                }

                var last = text[end - 1];
                var gluesToNext = last is not ('\r' or '\n') && end < text.Length && !IsDigit(text[end]);
                if (!gluesToNext || end - i > 1)
                {
                    tokens++;
                }

                i = gluesToNext ? end - 1 : end;
                if (gluesToNext)
                {
                    tokens += GluedCost(text, ref i);
                }
            }
            else
            {
                tokens += GluedCost(text, ref i);
            }
        }

        return tokens;
    }

    // A space or punctuation character at i, with what Qwen's pre-tokenizer glues to it: the word after one such
    // character, or the rest of a punctuation run.
    private static int GluedCost(ReadOnlySpan<char> text, ref int i)
    {
        var start = i;
        if (i + 1 < text.Length && char.IsLetter(text[i + 1]) && text[i] is not ('\r' or '\n'))
        {
            var end = LetterRunEnd(text, i + 1);
            i = end;
            return LetterRunCost(text[start..end], glued: true);
        }

        // A leading space belongs to the punctuation run.
        var j = text[i] == ' ' ? i + 1 : i;
        var runEnd = j;
        while (runEnd < text.Length && IsSymbol(text[runEnd]))
        {
            runEnd++;
        }

        if (runEnd == j)
        {
            // A lone space before a digit or the end.
            i = start + 1;
            return 1;
        }

        i = runEnd;
        var length = runEnd - j;
        return length == 1 ? 1 : (length + 1) / 2;
    }

    private static int LetterRunEnd(ReadOnlySpan<char> text, int start)
    {
        var end = start;
        while (end < text.Length && char.IsLetter(text[end]))
        {
            end++;
        }

        return end;
    }

    // Cost of one letter run; with glued, its first character is the space or symbol glued to it.
    private static int LetterRunCost(ReadOnlySpan<char> run, bool glued)
    {
        var letters = glued ? run[1..] : run;
        var humps = 0;
        var asciiOnly = true;
        for (var k = 0; k < letters.Length; k++)
        {
            if (letters[k] > 0x7F)
            {
                asciiOnly = false;
            }

            if (k > 0 && char.IsUpper(letters[k]) && char.IsLower(letters[k - 1]))
            {
                humps++;
            }
        }

        if (!asciiOnly)
        {
            return NonAsciiCost(letters);
        }

        if (humps >= 2 && humps * 4 >= letters.Length)
        {
            return (int)Math.Ceiling(run.Length / 1.5);
        }

        // Split at humps: lower→Upper, and the last capital of an upper run followed by a lower letter (HTMLParser).
        var cost = 0;
        var segmentStart = 0;
        for (var k = 1; k <= run.Length; k++)
        {
            var boundary = k == run.Length
                || (char.IsUpper(run[k]) && char.IsLower(run[k - 1]))
                || (k + 1 < run.Length && char.IsUpper(run[k - 1]) && char.IsUpper(run[k]) && char.IsLower(run[k + 1]));
            if (boundary)
            {
                cost += SegmentCost(run[segmentStart..k]);
                segmentStart = k;
            }
        }

        return cost;
    }

    private static int SegmentCost(ReadOnlySpan<char> segment)
    {
        var hasVowel = false;
        var letters = 0;
        foreach (var c in segment)
        {
            if (char.IsLetter(c))
            {
                letters++;
                hasVowel |= char.ToLowerInvariant(c) is 'a' or 'e' or 'i' or 'o' or 'u';
            }
        }

        if (hasVowel)
        {
            return (segment.Length + 3) / 4;
        }

        return letters <= 3 ? 1 : (segment.Length + 1) / 2;
    }

    private static int NonAsciiCost(ReadOnlySpan<char> letters)
    {
        var cost = 0;
        var other = 0;
        foreach (var c in letters)
        {
            if (c >= 0x2E80)
            {
                cost++;
            }
            else
            {
                other++;
            }
        }

        return cost + ((other + 1) / 2);
    }

    private static bool IsDigit(char c) => char.IsDigit(c)
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;

    private static bool IsSymbol(char c) => !char.IsLetter(c) && !IsDigit(c) && !char.IsWhiteSpace(c);
}
