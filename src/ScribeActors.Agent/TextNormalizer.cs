using ScribeActors.Abstractions;
using System.Text;

namespace ScribeActors.Agent;

/// <summary>Whitespace collapsing and comparison forms of page text, shared by the DOM index and the target locator.</summary>
internal static class TextNormalizer
{
    /// <summary>Collapses every whitespace run to one space and trims (see <see cref="StepText.Collapse"/>).</summary>
    public static string Collapse(string? text) => StepText.Collapse(text);

    /// <summary>Appends with whitespace runs collapsed, up to <paramref name="cap"/> characters (see <see cref="StepText.AppendCollapsed"/>).</summary>
    public static void AppendCollapsed(StringBuilder builder, string text, int cap) => StepText.AppendCollapsed(builder, text, cap);

    /// <summary>Trims and cuts to at most <paramref name="max"/> characters (never ending in a space).</summary>
    public static string Limit(string collapsed, int max)
    {
        var s = collapsed.Trim();
        return s.Length <= max ? s : s[..max].TrimEnd();
    }

    /// <summary>The comparison form: lower case, letters and digits only, single spaces between words.</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
            else if (sb.Length > 0 && sb[^1] != ' ')
            {
                sb.Append(' ');
            }
        }

        return sb.ToString().TrimEnd();
    }

    /// <summary>Shortens <paramref name="text"/> for messages (see <see cref="StepText.Preview"/>).</summary>
    public static string Preview(string text, int max = 60) => StepText.Preview(text, max);

    /// <summary>How well <paramref name="got"/> agrees with the wanted text, in [0, 1]: 1 exact (after collapsing
    /// whitespace), 0.9 equal after folding case and punctuation, 0.4-0.7 when one contains the other on word
    /// boundaries, up to 0.5 for a word overlap of at least one half, else 0.</summary>
    /// <param name="want">The wanted text, collapsed.</param>
    /// <param name="wantFold">Its <see cref="Fold"/> form.</param>
    /// <param name="got">The text found; <see langword="null"/> or empty agrees 0.</param>
    public static double Agreement(string want, string wantFold, string? got)
    {
        if (string.IsNullOrEmpty(got))
        {
            return 0;
        }

        var gotCollapsed = Collapse(got);
        if (string.Equals(want, gotCollapsed, StringComparison.Ordinal))
        {
            return 1;
        }

        var gotFold = Fold(gotCollapsed);
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

    /// <summary>Whether <paramref name="text"/> names nothing by itself: it holds fewer than two letters (empty, a
    /// count, a symbol such as "×" or "+"), as the text of an icon-only control does.</summary>
    public static bool IsWordless(string text)
    {
        var letters = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c) && ++letters >= 2)
            {
                return false;
            }
        }

        return true;
    }
}
