namespace ScribeActors.Agent.Pruning;

/// <summary>
/// The reference's truncation (ScribeAgent §3.5 step 2, <c>chunks[0]</c>): the longest tail of the pruned DOM that fits
/// the budget, starting at a tag. This is what the model saw at test time on the proprietary data.
/// </summary>
/// <remarks>
/// The reference decodes the last <c>budget</c> tokens and moves the start forward to the next tag; without a decoder
/// this fitter searches the tag starts for the longest suffix the counter puts within the budget. The pieces' own
/// counts, added up from the end, say about where that is; exact counts of suffixes then find it (galloping from the
/// guess, then bisecting), each count reading no more than about a budget of text (<see cref="BoundedTokenCount"/>).
/// So the tokenizer reads a few budgets' worth of the page, whatever its size, never the whole page and never the
/// quadratic re-counting of the reference. The result starts at a tag but can hold closing tags whose opening tags were cut off, as in the
/// reference. The reference's extra rule for pieces under 500 characters (shave and retry) is not reproduced; it only
/// matters for budgets of a few dozen tokens.
/// </remarks>
public sealed class TailFitter : IDomFitter
{
    /// <inheritdoc />
    public string Name => "tail";

    /// <inheritdoc />
    public FittedDom Fit(PrunedHtml dom, int budgetTokens, ITokenCounter counter)
    {
        FitArguments.Check(dom, budgetTokens, counter);
        var html = dom.Html;
        var total = BoundedTokenCount.CountUpTo(counter, html, 0, budgetTokens);
        if (total <= budgetTokens)
        {
            return new FittedDom(html, dom.NodeIds, total, false, Name);
        }

        var segments = dom.Layout.Segments;
        var tagStarts = new List<int>();
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].Kind != SegmentKind.Text)
            {
                tagStarts.Add(i);
            }
        }

        if (tagStarts.Count == 0)
        {
            return new FittedDom("", [], 0, true, Name);
        }

        // Exact counts of suffixes, read only as far as the budget needs.
        int Count(int k) => BoundedTokenCount.CountUpTo(counter, html, segments[tagStarts[k]].Start, budgetTokens);
        var (best, bestTokens) = Search(tagStarts.Count, Estimate(html, segments, tagStarts, budgetTokens, counter), budgetTokens, Count);
        if (best < 0)
        {
            return new FittedDom("", [], 0, true, Name);
        }

        var firstSegment = tagStarts[best];
        var ids = new List<int>();
        for (var i = firstSegment; i < segments.Length; i++)
        {
            if (segments[i].Kind is SegmentKind.Open or SegmentKind.Void && dom.Layout.Elements[segments[i].Element].Id is >= 0 and var id)
            {
                ids.Add(id);
            }
        }

        return new FittedDom(html[segments[firstSegment].Start..], ids, bestTokens, true, Name);
    }

    /// <summary>
    /// The first tag start k (of <paramref name="tags"/>) whose suffix fits, by exact counts: starting from
    /// <paramref name="guess"/>, galloping towards the start of the page while suffixes fit or towards the end while they
    /// do not, then bisecting. Suffixes grow towards the start, so fitting is monotone in k and this finds the same
    /// boundary as any other search, in a few counts when the guess is close.
    /// </summary>
    /// <returns>The tag index (-1: not even the last tag fits) and its suffix's count.</returns>
    internal static (int Best, int Tokens) Search(int tags, int guess, int budget, Func<int, int> count)
    {
        // Invariant: the suffix at lo does not fit (or lo is -1, before the first tag), the suffix at hi fits (or hi is
        // tags, past the end).
        int lo = -1, hi = tags, hiTokens = 0;
        var k = Math.Clamp(guess, 0, tags - 1);
        var tokens = count(k);
        var step = 1;
        if (tokens <= budget)
        {
            (hi, hiTokens) = (k, tokens);
            while (hi > 0)
            {
                k = Math.Max(hi - step, 0);
                tokens = count(k);
                if (tokens > budget)
                {
                    lo = k;
                    break;
                }

                (hi, hiTokens) = (k, tokens);
                step *= 2;
            }
        }
        else
        {
            lo = k;
            while (true)
            {
                k = lo + step;
                if (k >= tags)
                {
                    break;
                }

                tokens = count(k);
                if (tokens <= budget)
                {
                    (hi, hiTokens) = (k, tokens);
                    break;
                }

                lo = k;
                step *= 2;
            }
        }

        while (hi - lo > 1)
        {
            var mid = lo + ((hi - lo) / 2);
            tokens = count(mid);
            if (tokens <= budget)
            {
                (hi, hiTokens) = (mid, tokens);
            }
            else
            {
                lo = mid;
            }
        }

        return hi >= tags ? (-1, 0) : (hi, hiTokens);
    }

    // The tag start where the sum of the pieces' own counts, added from the end of the page, passes the budget: pieces
    // are separated by spaces, so their counts add up to about the suffix's. Reads about one budget of text.
    private static int Estimate(string html, Segment[] segments, List<int> tagStarts, int budget, ITokenCounter counter)
    {
        var sum = 0L;
        var k = tagStarts.Count - 1;
        for (var s = segments.Length - 1; s >= 0; s--)
        {
            sum += BoundedTokenCount.CountUpTo(counter, html, segments[s].Start, segments[s].Length, budget);
            if (segments[s].Kind != SegmentKind.Text)
            {
                if (sum > budget)
                {
                    return k + 1;
                }

                k--;
            }
        }

        return 0;
    }
}
