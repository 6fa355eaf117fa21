using System.Globalization;

namespace ScribeActors.Agent;

public static partial class TargetLocator
{
    /// <summary>Scores one candidate. With <paramref name="detailed"/> the tally also keeps a note per factor, for
    /// the reason of the best candidate.</summary>
    private static Tally Evaluate(DomIndex dom, int ordinal, int index, int count, Wanted wanted, bool detailed)
    {
        var element = dom.ElementAt(ordinal);
        var tally = new Tally(detailed);

        foreach (var field in wanted.Fields)
        {
            var got = element.GetAttribute(field.Name);
            var agreement = field.Kind switch
            {
                FieldKind.Exact => ExactAgreement(field.Value, got),
                FieldKind.Href => HrefAgreement(field.Value, got),
                _ => TextNormalizer.Agreement(field.Value, field.Fold, got),
            };
            var strong = field.Strong || (field.Kind == FieldKind.Href && HrefPathDiffers(field.Value, got));
            tally.Field(field.Name, field.Weight, agreement, strong && agreement <= 0 && !string.IsNullOrEmpty(got), got, field.Value);
        }

        if (wanted.Label is not null)
        {
            var got = dom.LabelAt(ordinal);
            var agreement = TextNormalizer.Agreement(wanted.Label, wanted.LabelFold, got);
            tally.Field("label", 2.5, agreement, agreement <= 0 && !string.IsNullOrEmpty(got), got, wanted.Label);
        }

        if (wanted.LabelledBy is not null)
        {
            var got = dom.LabelledByAt(ordinal);
            var agreement = TextNormalizer.Agreement(wanted.LabelledBy, wanted.LabelledByFold, got);
            tally.Field("aria-labelledby text", 2.5, agreement, agreement <= 0 && !string.IsNullOrEmpty(got), got, wanted.LabelledBy);
        }

        if (wanted.Text.Length > 0)
        {
            var got = dom.TextAt(ordinal);
            var agreement = TextNormalizer.Agreement(wanted.Text, wanted.TextFold, got);
            tally.Field("text", wanted.TextIdentifies ? 3 : 2, agreement, wanted.TextIdentifies && agreement <= 0 && !string.IsNullOrEmpty(got), got, wanted.Text);
        }

        if (wanted.Icons.Count > 0)
        {
            // An icon-only element's icon is its name: a candidate without that icon is another control.
            var got = dom.IconsAt(ordinal);
            var agreement = IconHints.Agreement(wanted.Icons, got);
            tally.Field("icon", 2.5, agreement, agreement <= 0 && wanted.Wordless, Shown(got, " / ", detailed), string.Join(" / ", wanted.Icons));
        }

        if (wanted.Classes.Count > 0)
        {
            // Classes weigh as much as a placeholder, and veto, only when nothing else names the element.
            var got = dom.ClassesAt(ordinal);
            var present = wanted.Classes.Count(got.Contains);
            var agreement = (double)present / wanted.Classes.Count;
            var lacks = wanted.Classes.Where(c => !got.Contains(c)).ToList();
            tally.Field("class", wanted.HasName ? 1 : 2, agreement, !wanted.HasName && lacks.Count > 0, Shown(got, " ", detailed), string.Join(' ', wanted.Classes),
                lacks.Count > 0 && present > 0 ? $"lacks \"{string.Join(' ', lacks)}\"" : null);
        }

        foreach (var (name, value) in wanted.WeakFields)
        {
            var got = element.GetAttribute(name);
            tally.Weak(name, name == "id" ? 2.0 : 1.0, string.Equals(got, value, StringComparison.Ordinal), value);
        }

        // Relative position says nothing when either page had a single element with the tag: then every candidate is as close.
        var closeness = wanted.SameTagCount <= 1 || count <= 1
            ? 1
            : 1 - Math.Min(1, Math.Abs(((double)wanted.Position / (wanted.SameTagCount - 1)) - ((double)index / (count - 1))));
        var parts = 1 + (wanted.RowIndex is null ? 0 : 1) + (wanted.RowIndex is not null && wanted.Cell is not null ? 1 : 0);
        tally.Position(closeness, parts, detailed ? $"position {index + 1} of {count} <{wanted.Tag}> (recorded {wanted.Position + 1} of {wanted.SameTagCount})" : null);
        if (wanted.RowIndex is { } wantedIndex)
        {
            var place = dom.RowPlaceAt(ordinal);
            tally.Position(place?.Index == wantedIndex ? 1 : 0, parts, !detailed ? null
                : place is { } p ? $"{Ordinal(p.Index + 1)} <{wanted.Tag}> of its row (recorded {Ordinal(wantedIndex + 1)})"
                : $"not in a row (recorded {Ordinal(wantedIndex + 1)} <{wanted.Tag}> of its row)");
            if (wanted.Cell is { } wantedCell)
            {
                var cell = place?.Cell;
                tally.Position(cell == wantedCell ? 1 : 0, parts, !detailed ? null
                    : cell is { } c ? string.Create(CultureInfo.InvariantCulture, $"cell {c + 1} of its row (recorded {wantedCell + 1})")
                    : string.Create(CultureInfo.InvariantCulture, $"in no cell of a row (recorded cell {wantedCell + 1})"));
            }
        }

        if (wanted.ContextTokens.Count > 0)
        {
            var lacking = dom.ContextLacks(ordinal, wanted.ContextTokens);
            tally.Context(
                lacking is { Count: 0 },
                !detailed ? null
                : lacking is null ? $"row context: not in a row, recorded in the row \"{TextNormalizer.Preview(wanted.Context!)}\""
                : lacking.Count == 0 ? $"row context has \"{string.Join(' ', wanted.ContextTokens)}\""
                : $"row context lacks \"{string.Join(' ', lacking)}\" of the recorded row \"{TextNormalizer.Preview(wanted.Context!)}\"");
        }

        return tally;
    }

    private static string? Shown(IReadOnlyList<string> values, string separator, bool detailed) =>
        detailed && values.Count > 0 ? string.Join(separator, values) : null;

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
}
