using System.Globalization;
using ScribeActors.Abstractions;

namespace ScribeActors.Agent;

/// <summary>Finds a recorded target (a <see cref="TargetSignature"/>) in a fresh page whose node ids, ids, generated
/// class names, attribute order and layout may differ from the recording.</summary>
/// <remarks>
/// <para>Only elements with the recorded tag are candidates. Each is scored in [0, 1] from stable evidence: name,
/// data-testid, aria-label, the text <c>aria-labelledby</c> names, placeholder, label text, visible text, value
/// (buttons, options, checkable and submit inputs), href (path and query, scheme/host/port and query order ignored),
/// title, alt, role, type, stable classes (<see cref="ClassTokens"/>) and, for an element whose text names nothing
/// (an icon-only control), its icon hints (<see cref="IconHints"/>). Text-like fields agree fully on an exact match
/// and partly on a case/punctuation-insensitive match, containment or large word overlap; classes agree by the share
/// of recorded classes the candidate has.</para>
/// <para>Weak evidence never vetoes: an equal <c>id</c> or <c>for</c> adds to the evidence, a different one is ignored
/// (ids may be generated). A tenth of the score is position: the relative position among same-tag elements (all
/// candidates get it when the recording or the page has a single element with the tag), averaged, for an element
/// recorded in a repeated row, with whether the candidate sits in the same cell of its row and is the same of its
/// row's elements with the tag.</para>
/// <para>A strong field present on both sides with clearly different values (name, data-testid, aria-label,
/// aria-labelledby, placeholder, label, href path, button value, the visible text of buttons, links, options, labels,
/// headings and role=button-like elements, and, for an icon-only element, its title, alt and icon) multiplies the
/// stable part of the score by 0.4, so "Download PDF" never matches "Dispute" and a trash icon never matches a pencil.
/// An icon-only element's icon is its name: a candidate without it disagrees too. Classes are an element's identity
/// only when it has nothing else (no text, name, label, title, alt, placeholder, href or icon): then they weigh 2 and
/// a candidate lacking one of them disagrees strongly; otherwise they weigh 1 and never veto. A recording with less
/// than 2.5 units of stable evidence is scored against that floor, so a lone <c>type</c> cannot match by itself.
/// When the recording knows the element's row, a candidate whose row lacks the row's identifying tokens is scored
/// x0.4.</para>
/// <para>The reason of a match or a miss lists what agreed, every factor that lowered the best candidate's score
/// (each field that disagreed, was missing or only similar; too little evidence; the row context; the position) with
/// what that factor alone cost, and what was ignored.</para>
/// <para>Ties go to the element closest to the recorded position, then to the first in document order. One pass over the
/// candidates; text is taken from the index's cached, length-capped text and icon hints from a bounded look below
/// each candidate, so a locate is linear in the page size.</para>
/// </remarks>
public static partial class TargetLocator
{
    private const double MinEvidence = 2.5;
    private const double StrongDisagreementFactor = 0.4;
    private const double ContextMismatchFactor = 0.4;
    private const double PositionShare = 0.1;
    private const double Epsilon = 1e-9;

    /// <summary>Finds the element of <paramref name="dom"/> that best matches <paramref name="signature"/>.</summary>
    /// <param name="dom">The fresh page.</param>
    /// <param name="signature">What the target looked like when it was recorded.</param>
    /// <param name="minScore">The lowest score accepted as a match, in [0, 1].</param>
    /// <returns>The best candidate when its score is at least <paramref name="minScore"/>; otherwise a miss whose
    /// <see cref="TargetMatch.Reason"/> names what was looked for, how the best candidate scored and every factor that
    /// lowered its score.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dom"/> or <paramref name="signature"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The signature has no tag.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minScore"/> is not in [0, 1].</exception>
    public static TargetMatch Locate(DomIndex dom, TargetSignature signature, double minScore = 0.5)
    {
        ArgumentNullException.ThrowIfNull(dom);
        ArgumentNullException.ThrowIfNull(signature);
        if (string.IsNullOrWhiteSpace(signature.Tag))
        {
            throw new ArgumentException("The target signature has no tag.", nameof(signature));
        }

        if (double.IsNaN(minScore) || minScore < 0 || minScore > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(minScore), minScore, "The minimum score must be between 0 and 1.");
        }

        var wanted = new Wanted(signature);
        var candidates = dom.OrdinalsOfTag(wanted.Tag);
        if (candidates.Count == 0)
        {
            return new TargetMatch(null, 0, $"Not found: the page has no <{wanted.Tag}> element; looked for {wanted.Describe()}.");
        }

        var best = -1;
        var bestScore = double.NegativeInfinity;
        var bestDistance = int.MaxValue;
        var runnerUp = -1;
        var runnerUpScore = double.NegativeInfinity;
        for (var i = 0; i < candidates.Count; i++)
        {
            var score = Evaluate(dom, candidates[i], i, candidates.Count, wanted, detailed: false).Score;
            var distance = Math.Abs(i - wanted.Position);
            var better = score > bestScore + Epsilon || (Math.Abs(score - bestScore) <= Epsilon && distance < bestDistance);
            if (better)
            {
                if (best >= 0)
                {
                    runnerUp = best;
                    runnerUpScore = bestScore;
                }

                best = i;
                bestScore = score;
                bestDistance = distance;
            }
            else if (score > runnerUpScore + Epsilon)
            {
                runnerUp = i;
                runnerUpScore = score;
            }
        }

        var tally = Evaluate(dom, candidates[best], best, candidates.Count, wanted, detailed: true);
        var bestId = dom.IdAt(candidates[best]);
        var score2 = Math.Round(bestScore, 4);
        var minText = Format(minScore);
        var scoreText = Format(score2);
        var others = runnerUp >= 0 ? $" Next best: node {dom.IdAt(candidates[runnerUp])} scored {Format(runnerUpScore)}." : "";

        if (bestScore + Epsilon >= minScore)
        {
            return new TargetMatch(
                bestId,
                score2,
                $"Found <{wanted.Tag}> node {bestId} with score {scoreText} (minimum {minText}) among {candidates.Count} <{wanted.Tag}> elements. {tally.Explain()}{others}");
        }

        var noEvidence = wanted.StableEvidence == 0
            ? $" The recording carries no stable evidence for this <{wanted.Tag}> (no text, label, class, icon or salient attributes besides id), so only an equal id can match."
            : "";
        return new TargetMatch(
            null,
            score2,
            $"Not found: no <{wanted.Tag}> element matches {wanted.Describe()} with score {minText} or more. The best of {candidates.Count} candidates, node {bestId}{CandidatePreview(dom, candidates[best])}, scored {scoreText}. {tally.Explain()}{others}{noEvidence}");
    }

    private static string Format(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string CandidatePreview(DomIndex dom, int ordinal)
    {
        var text = dom.TextAt(ordinal);
        return text.Length == 0 ? "" : $" (text \"{TextNormalizer.Preview(text)}\")";
    }
}
