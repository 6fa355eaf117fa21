namespace ScribeActors.Agent.Pruning;

/// <summary>
/// The reference's truncation (ScribeAgent §3.5 step 2, <c>chunks[0]</c>): the longest tail of the pruned DOM that fits
/// the budget, starting at a tag. This is what the model saw at test time on the proprietary data.
/// </summary>
/// <remarks>
/// The reference decodes the last <c>budget</c> tokens and moves the start forward to the next tag; without a decoder
/// this fitter searches the tag starts for the longest suffix the counter puts within the budget (galloping back from
/// the end, then bisecting), so it counts O(result × log) characters, never the quadratic re-counting of the
/// reference. The result starts at a tag but can hold closing tags whose opening tags were cut off, as in the
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
        var total = counter.CountTokens(html);
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

        // fits(k): the suffix from the k-th tag start fits. Gallop back from the last tag, then bisect.
        int Count(int k) => counter.CountTokens(html[segments[tagStarts[k]].Start..]);
        var best = -1;
        var bestTokens = 0;
        var lo = tagStarts.Count;
        var step = 1;
        while (true)
        {
            var k = Math.Max(tagStarts.Count - step, 0);
            var tokens = Count(k);
            if (tokens > budgetTokens)
            {
                lo = k;
                break;
            }

            best = k;
            bestTokens = tokens;
            if (k == 0)
            {
                break;
            }

            step *= 2;
        }

        // Invariant: suffix at lo does not fit (or lo is past the end), suffix at best fits (or best is -1).
        var hi = best < 0 ? tagStarts.Count : best;
        while (hi - lo > 1)
        {
            var mid = lo + ((hi - lo) / 2);
            var tokens = Count(mid);
            if (tokens <= budgetTokens)
            {
                hi = mid;
                best = mid;
                bestTokens = tokens;
            }
            else
            {
                lo = mid;
            }
        }

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
}
