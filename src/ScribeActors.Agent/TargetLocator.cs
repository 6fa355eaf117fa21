using System.Globalization;
using System.Text;
using ScribeActors.Abstractions;

namespace ScribeActors.Agent;

/// <summary>Finds a recorded target (a <see cref="TargetSignature"/>) in a fresh page whose node ids, ids, class names,
/// attribute order and layout may differ from the recording.</summary>
/// <remarks>
/// <para>Only elements with the recorded tag are candidates. Each is scored in [0, 1] from stable evidence: name,
/// data-testid, aria-label, placeholder, label text, visible text, value (buttons, options, checkable and submit inputs),
/// href (path and query, scheme/host/port and query order ignored), title, alt, role and type. Text-like fields agree
/// fully on an exact match and partly on a case/punctuation-insensitive match, containment or large word overlap.</para>
/// <para>Weak evidence never vetoes: an equal <c>id</c> or <c>for</c> adds to the evidence, a different one is ignored
/// (ids may be generated), and the relative position among same-tag elements contributes a tenth of the score (all
/// candidates get that tenth when the recording or the page has a single element with the tag).</para>
/// <para>A strong field present on both sides with clearly different values (name, data-testid, aria-label, placeholder,
/// label, href path, button value, and the visible text of buttons, links, options, labels, headings and role=button-like
/// elements) multiplies the stable part of the score by 0.4, so "Download PDF" never matches "Dispute". A recording with
/// less than 2.5 units of stable evidence is scored against that floor, so a lone <c>type</c> cannot match by itself.</para>
/// <para>Ties go to the element closest to the recorded position, then to the first in document order. One pass over the
/// candidates; text is taken from the index's cached, length-capped text, so a locate is linear in the page size.</para>
/// </remarks>
public static class TargetLocator
{
    private const double MinEvidence = 2.5;
    private const double StrongDisagreementFactor = 0.4;
    private const double PositionShare = 0.1;
    private const double Epsilon = 1e-9;

    private static readonly HashSet<string> TextIdentifiesTags =
        new(StringComparer.Ordinal) { "a", "button", "option", "label", "summary", "legend", "h1", "h2", "h3", "h4", "h5", "h6", "th" };

    private static readonly HashSet<string> TextIdentifiesRoles =
        new(StringComparer.Ordinal) { "button", "link", "tab", "menuitem", "option", "checkbox", "radio", "switch", "treeitem" };

    private static readonly HashSet<string> ValueIdentifiesInputTypes =
        new(StringComparer.OrdinalIgnoreCase) { "submit", "button", "reset", "checkbox", "radio" };

    /// <summary>Finds the element of <paramref name="dom"/> that best matches <paramref name="signature"/>.</summary>
    /// <param name="dom">The fresh page.</param>
    /// <param name="signature">What the target looked like when it was recorded.</param>
    /// <param name="minScore">The lowest score accepted as a match, in [0, 1].</param>
    /// <returns>The best candidate when its score is at least <paramref name="minScore"/>; otherwise a miss whose
    /// <see cref="TargetMatch.Reason"/> names what was looked for and how the best candidate scored.</returns>
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
            var score = Score(dom, candidates[i], i, candidates.Count, wanted, notes: null) * ContextFactor(dom, candidates[i], signature.Context);
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

        var notes = new List<string>();
        Score(dom, candidates[best], best, candidates.Count, wanted, notes);
        var bestId = dom.IdAt(candidates[best]);
        var evidence = string.Join("; ", notes);
        var score2 = Math.Round(bestScore, 4);
        var minText = minScore.ToString("0.00", CultureInfo.InvariantCulture);
        var scoreText = score2.ToString("0.00", CultureInfo.InvariantCulture);
        var others = runnerUp >= 0
            ? $"; next best node {dom.IdAt(candidates[runnerUp])} scored {runnerUpScore.ToString("0.00", CultureInfo.InvariantCulture)}"
            : "";

        if (bestScore + Epsilon >= minScore)
        {
            return new TargetMatch(
                bestId,
                score2,
                $"Found <{wanted.Tag}> node {bestId} with score {scoreText} (minimum {minText}) among {candidates.Count} <{wanted.Tag}> elements: {evidence}{others}.");
        }

        var noEvidence = wanted.StableEvidence == 0
            ? $" The recording carries no stable evidence for this <{wanted.Tag}> (no text, label or salient attributes besides id), so only an equal id can match."
            : "";
        return new TargetMatch(
            null,
            score2,
            $"Not found: no <{wanted.Tag}> element matches {wanted.Describe()} with score {minText} or more; the best of {candidates.Count} candidates, node {bestId}{CandidatePreview(dom, candidates[best])}, scored {scoreText}: {evidence}{others}.{noEvidence}");
    }

    /// <summary>
    /// Identical controls repeated per row (an "Approve" button in every row of a queue) differ only by their row. When
    /// the recording knows the row's text, a candidate whose row lacks any of its identifying tokens (those with a
    /// digit: ids, amounts, dates) is penalised as strongly as a disagreeing strong field, so replay never acts on the
    /// wrong row; when the recorded row is gone, nothing matches.
    /// </summary>
    private static double ContextFactor(DomIndex dom, int ordinal, string? wantedContext)
    {
        if (string.IsNullOrEmpty(wantedContext))
        {
            return 1;
        }

        var identifying = Tokens(wantedContext).Where(t => t.Any(char.IsDigit)).ToList();
        if (identifying.Count == 0)
        {
            return 1;
        }

        var context = dom.ContextAt(ordinal);
        if (context is null)
        {
            return 0.4;
        }

        var present = Tokens(context).ToHashSet(StringComparer.Ordinal);
        return identifying.All(present.Contains) ? 1 : 0.4;
    }

    private static IEnumerable<string> Tokens(string text) =>
        TextNormalizer.Fold(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static string CandidatePreview(DomIndex dom, int ordinal)
    {
        var text = dom.TextAt(ordinal);
        return text.Length == 0 ? "" : $" (text \"{TextNormalizer.Preview(text)}\")";
    }

    private static double Score(DomIndex dom, int ordinal, int index, int count, Wanted wanted, List<string>? notes)
    {
        var element = dom.ElementAt(ordinal);
        double available = 0;
        double matched = 0;
        var strongDisagreements = 0;

        void Add(string field, double weight, bool strong, double agreement, string? got, string want)
        {
            available += weight;
            matched += weight * agreement;
            var differs = agreement <= 0 && !string.IsNullOrEmpty(got);
            if (differs && strong)
            {
                strongDisagreements++;
            }

            if (notes is null)
            {
                return;
            }

            var shown = TextNormalizer.Preview(want);
            notes.Add(agreement switch
            {
                >= 1 => $"{field} \"{shown}\" exact",
                > 0 => $"{field} \"{shown}\" similar to \"{TextNormalizer.Preview(got ?? "")}\" ({agreement.ToString("0.00", CultureInfo.InvariantCulture)})",
                _ when string.IsNullOrEmpty(got) => $"{field} \"{shown}\" missing",
                _ => $"{field} differs: \"{TextNormalizer.Preview(got!)}\" instead of \"{shown}\"{(strong ? " (strong, score x0.4)" : "")}",
            });
        }

        foreach (var field in wanted.Fields)
        {
            var got = element.GetAttribute(field.Name);
            var agreement = field.Kind switch
            {
                FieldKind.Exact => ExactAgreement(field.Value, got),
                FieldKind.Href => HrefAgreement(field.Value, got),
                _ => TextAgreement(field.Value, field.Fold, got),
            };
            var strong = field.Strong || (field.Kind == FieldKind.Href && HrefPathDiffers(field.Value, got));
            Add(field.Name, field.Weight, strong, agreement, got, field.Value);
        }

        if (wanted.Label is not null)
        {
            var got = dom.LabelAt(ordinal);
            Add("label", 2.5, true, TextAgreement(wanted.Label, wanted.LabelFold, got), got, wanted.Label);
        }

        if (wanted.Text.Length > 0)
        {
            var got = dom.TextAt(ordinal);
            Add("text", wanted.TextIdentifies ? 3 : 2, wanted.TextIdentifies, TextAgreement(wanted.Text, wanted.TextFold, got), got, wanted.Text);
        }

        foreach (var (name, value) in wanted.WeakFields)
        {
            var got = element.GetAttribute(name);
            if (string.Equals(got, value, StringComparison.Ordinal))
            {
                var weight = name == "id" ? 2.0 : 1.0;
                available += weight;
                matched += weight;
                notes?.Add($"{name} \"{TextNormalizer.Preview(value)}\" equal");
            }
            else
            {
                notes?.Add($"{name} differs (ignored: ids may be generated)");
            }
        }

        var stable = available <= 0 ? 0 : matched / Math.Max(available, MinEvidence);
        for (var i = 0; i < strongDisagreements; i++)
        {
            stable *= StrongDisagreementFactor;
        }

        // Relative position says nothing when either page had a single element with the tag: then every candidate is as close.
        var closeness = wanted.SameTagCount <= 1 || count <= 1
            ? 1
            : 1 - Math.Min(1, Math.Abs(((double)wanted.Position / (wanted.SameTagCount - 1)) - ((double)index / (count - 1))));
        notes?.Add($"position {index + 1} of {count} <{wanted.Tag}> (recorded {wanted.Position + 1} of {wanted.SameTagCount})");
        return ((1 - PositionShare) * stable) + (PositionShare * closeness);
    }

    private static double ExactAgreement(string want, string? got)
    {
        if (got is null)
        {
            return 0;
        }

        if (string.Equals(want, got, StringComparison.Ordinal))
        {
            return 1;
        }

        return string.Equals(want.Trim(), got.Trim(), StringComparison.OrdinalIgnoreCase) ? 0.9 : 0;
    }

    /// <summary>Text agreement: 1 exact, 0.9 equal after folding case and punctuation, 0.4-0.7 when one contains the
    /// other on word boundaries, up to 0.5 for a word overlap of at least one half, else 0.</summary>
    private static double TextAgreement(string want, string wantFold, string? got)
    {
        if (string.IsNullOrEmpty(got))
        {
            return 0;
        }

        var gotCollapsed = TextNormalizer.Collapse(got);
        if (string.Equals(want, gotCollapsed, StringComparison.Ordinal))
        {
            return 1;
        }

        var gotFold = TextNormalizer.Fold(gotCollapsed);
        if (wantFold.Length == 0 || gotFold.Length == 0)
        {
            return 0;
        }

        if (string.Equals(wantFold, gotFold, StringComparison.Ordinal))
        {
            return 0.9;
        }

        var (shorter, longer) = wantFold.Length <= gotFold.Length ? (wantFold, gotFold) : (gotFold, wantFold);
        if (shorter.Length >= 3 && $" {longer} ".Contains($" {shorter} ", StringComparison.Ordinal))
        {
            return 0.4 + (0.3 * shorter.Length / longer.Length);
        }

        var wantWords = wantFold.Split(' ').ToHashSet(StringComparer.Ordinal);
        var gotWords = gotFold.Split(' ').ToHashSet(StringComparer.Ordinal);
        var common = wantWords.Count(gotWords.Contains);
        var jaccard = (double)common / (wantWords.Count + gotWords.Count - common);
        return jaccard >= 0.5 ? 0.5 * jaccard : 0;
    }

    private static double HrefAgreement(string want, string? got)
    {
        if (string.IsNullOrEmpty(got))
        {
            return 0;
        }

        var w = Href.Parse(want);
        var g = Href.Parse(got);
        if (!SamePath(w.Path, g.Path, out var pathAgreement))
        {
            return 0;
        }

        if (!w.Query.SequenceEqual(g.Query, StringComparer.Ordinal))
        {
            return 0.4 * pathAgreement;
        }

        return w.Path.Length == 0 && w.Query.Length == 0 && !string.Equals(w.Fragment, g.Fragment, StringComparison.Ordinal)
            ? 0.5
            : pathAgreement;
    }

    private static bool HrefPathDiffers(string want, string? got) =>
        !string.IsNullOrEmpty(got) && !SamePath(Href.Parse(want).Path, Href.Parse(got).Path, out _);

    private static bool SamePath(string want, string got, out double agreement)
    {
        agreement = 1;
        if (string.Equals(want, got, StringComparison.Ordinal))
        {
            return true;
        }

        // A relative path recorded against one base and an absolute one in the page (or the reverse).
        agreement = 0.9;
        return (want.Length > 0 && got.EndsWith("/" + want.TrimStart('/'), StringComparison.Ordinal))
            || (got.Length > 0 && want.EndsWith("/" + got.TrimStart('/'), StringComparison.Ordinal));
    }

    private enum FieldKind
    {
        Exact,
        Text,
        Href,
    }

    private sealed record Field(string Name, string Value, string Fold, double Weight, bool Strong, FieldKind Kind);

    private readonly record struct Href(string Path, string[] Query, string Fragment)
    {
        public static Href Parse(string href)
        {
            var s = href.Trim();
            var fragment = "";
            var hash = s.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                fragment = s[(hash + 1)..];
                s = s[..hash];
            }

            var query = Array.Empty<string>();
            var question = s.IndexOf('?', StringComparison.Ordinal);
            if (question >= 0)
            {
                query = s[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries);
                Array.Sort(query, StringComparer.Ordinal);
                s = s[..question];
            }

            var scheme = s.IndexOf("://", StringComparison.Ordinal);
            if (scheme >= 0 || s.StartsWith("//", StringComparison.Ordinal))
            {
                var authorityStart = scheme >= 0 ? scheme + 3 : 2;
                var slash = s.IndexOf('/', authorityStart);
                s = slash >= 0 ? s[slash..] : "/";
            }

            if (s.Length > 1)
            {
                s = s.TrimEnd('/');
            }

            return new Href(s, query, fragment);
        }
    }

    /// <summary>The recorded signature, prepared once per locate.</summary>
    private sealed class Wanted
    {
        public Wanted(TargetSignature signature)
        {
            Tag = signature.Tag.Trim().ToLowerInvariant();
            Text = TextNormalizer.Collapse(signature.Text);
            TextFold = TextNormalizer.Fold(Text);
            Label = string.IsNullOrWhiteSpace(signature.Label) ? null : TextNormalizer.Collapse(signature.Label);
            LabelFold = TextNormalizer.Fold(Label);
            Position = Math.Max(0, signature.Position);
            SameTagCount = Math.Max(0, signature.SameTagCount);
            Attributes = (signature.Attributes ?? [])
                .Where(p => !string.IsNullOrWhiteSpace(p.Value))
                .GroupBy(p => p.Key.Trim().ToLowerInvariant(), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);

            Attributes.TryGetValue("role", out var role);
            Attributes.TryGetValue("type", out var type);
            TextIdentifies = TextIdentifiesTags.Contains(Tag) || (role is not null && TextIdentifiesRoles.Contains(role.Trim().ToLowerInvariant()));
            var valueIdentifies = Tag is "button" or "option" || (Tag == "input" && type is not null && ValueIdentifiesInputTypes.Contains(type.Trim()));

            var fields = new List<Field>();
            void Add(string name, double weight, bool strong, FieldKind kind)
            {
                if (Attributes.TryGetValue(name, out var value))
                {
                    fields.Add(new Field(name, value, TextNormalizer.Fold(value), weight, strong, kind));
                }
            }

            Add("name", 3, true, FieldKind.Exact);
            Add("data-testid", 3, true, FieldKind.Exact);
            Add("aria-label", 2.5, true, FieldKind.Text);
            Add("placeholder", 2, true, FieldKind.Text);
            Add("href", 2, false, FieldKind.Href);
            Add("title", 1.5, false, FieldKind.Text);
            Add("alt", 1.5, false, FieldKind.Text);
            Add("role", 1, false, FieldKind.Exact);
            Add("type", 1, false, FieldKind.Exact);
            if (valueIdentifies)
            {
                Add("value", 2.5, true, FieldKind.Text);
            }

            Fields = fields;
            WeakFields = [.. new[] { "id", "for" }.Where(Attributes.ContainsKey).Select(n => (n, Attributes[n]))];
            StableEvidence = fields.Count + (Label is null ? 0 : 1) + (Text.Length == 0 ? 0 : 1);
        }

        public string Tag { get; }

        public string Text { get; }

        public string TextFold { get; }

        public string? Label { get; }

        public string LabelFold { get; }

        public int Position { get; }

        public int SameTagCount { get; }

        public Dictionary<string, string> Attributes { get; }

        public bool TextIdentifies { get; }

        public List<Field> Fields { get; }

        public List<(string Name, string Value)> WeakFields { get; }

        public int StableEvidence { get; }

        public string Describe()
        {
            var sb = new StringBuilder($"<{Tag}>");
            var parts = new List<string>();
            if (Text.Length > 0)
            {
                parts.Add($"text \"{TextNormalizer.Preview(Text)}\"");
            }

            if (Label is not null)
            {
                parts.Add($"label \"{TextNormalizer.Preview(Label)}\"");
            }

            parts.AddRange(Attributes.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}=\"{TextNormalizer.Preview(p.Value)}\""));
            if (parts.Count > 0)
            {
                sb.Append(" with ").AppendJoin(", ", parts);
            }

            return sb.Append(CultureInfo.InvariantCulture, $" at position {Position + 1} of {SameTagCount}").ToString();
        }
    }
}
