using System.Text.RegularExpressions;

namespace ScribeActors.Agent;

/// <summary>Pulls values out of step descriptions such as <c>Type "New York"</c>, <c>Press 'Enter'</c> or
/// <c>Go to https://example.com/</c>.</summary>
internal static partial class DescriptionText
{
    /// <summary>The quoted text of <paramref name="description"/> meant for one of <paramref name="verbs"/>: a quoted span
    /// right after such a verb (<c>In "City", type "New York"</c> gives <c>New York</c>), else the first double-quoted span,
    /// else the first single-quoted one. Straight and typographic quotes are accepted; single quotes only count at word
    /// boundaries, so apostrophes are not taken for quotes. <see langword="null"/> when nothing is quoted.</summary>
    public static string? Quoted(string description, params string[] verbs)
    {
        var spans = DoubleQuoted().Matches(description).Cast<Match>().ToList();
        var singles = SingleQuoted().Matches(description).Cast<Match>().Where(s => !spans.Any(d => Overlaps(d, s))).ToList();
        var all = spans.Concat(singles).OrderBy(m => m.Index).ToList();
        foreach (var span in all)
        {
            var before = description[..span.Index].TrimEnd().TrimEnd(':').TrimEnd();
            if (verbs.Any(v => EndsWithWord(before, v)))
            {
                return span.Groups[1].Value;
            }
        }

        return spans.Count > 0 ? spans[0].Groups[1].Value : singles.Count > 0 ? singles[0].Groups[1].Value : null;
    }

    /// <summary>The key combination after <c>press</c> or <c>hit</c> when it is written without quotes
    /// (<c>Press Enter</c>, <c>press the Ctrl + A keys</c>), else <see langword="null"/>.</summary>
    public static string? UnquotedKeys(string description)
    {
        var match = PressKeys().Match(description);
        return match.Success ? match.Groups[1].Value : null;
    }

    /// <summary>The first http(s) URL in <paramref name="description"/>, without trailing punctuation, or <see langword="null"/>.</summary>
    public static string? FirstUrl(string description)
    {
        var match = Url().Match(description);
        return match.Success ? match.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', ']', '}') : null;
    }

    /// <summary>The scroll direction named in <paramref name="description"/> (<c>Scroll up</c>), or <see langword="null"/>.</summary>
    public static string? ScrollDirection(string description)
    {
        var match = Scroll().Match(description);
        return match.Success ? match.Groups[1].Value.ToLowerInvariant() : null;
    }

    private static bool Overlaps(Match a, Match b) => a.Index < b.Index + b.Length && b.Index < a.Index + a.Length;

    private static bool EndsWithWord(string text, string word) =>
        text.EndsWith(word, StringComparison.OrdinalIgnoreCase)
        && (text.Length == word.Length || !char.IsLetterOrDigit(text[text.Length - word.Length - 1]));

    [GeneratedRegex("[\"\u201C\u201D]([^\"\u201C\u201D]*)[\"\u201C\u201D]", RegexOptions.CultureInvariant)]
    private static partial Regex DoubleQuoted();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])['\u2018]([^'\u2018\u2019]*)['\u2019](?![\p{L}\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex SingleQuoted();

    [GeneratedRegex(@"\b(?:press|hit)\s+(?:the\s+)?([A-Za-z0-9]+(?:\s*\+\s*[A-Za-z0-9]+)*)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex PressKeys();

    [GeneratedRegex(@"https?://[^\s""'<>\u201C\u201D\u2018\u2019]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"\bscroll(?:ing)?\s+(?:the\s+page\s+)?(up|down)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Scroll();
}
