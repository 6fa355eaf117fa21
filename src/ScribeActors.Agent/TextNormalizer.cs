using System.Text;

namespace ScribeActors.Agent;

/// <summary>Whitespace collapsing and comparison forms of page text, shared by the DOM index and the target locator.</summary>
internal static class TextNormalizer
{
    /// <summary>Collapses every whitespace run (Unicode whitespace, as Python's <c>\s</c>) to one space and trims.</summary>
    public static string Collapse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var sb = new StringBuilder(text.Length);
        AppendCollapsed(sb, text, int.MaxValue);
        return sb.ToString().Trim();
    }

    /// <summary>Appends <paramref name="text"/> with whitespace runs collapsed to one space (also across calls, so
    /// pieces can be joined as <c>textContent</c> joins them), and stops once <paramref name="builder"/> holds
    /// <paramref name="cap"/> characters. The result may start or end with one space.</summary>
    public static void AppendCollapsed(StringBuilder builder, string text, int cap)
    {
        foreach (var c in text)
        {
            if (builder.Length >= cap)
            {
                return;
            }

            if (char.IsWhiteSpace(c))
            {
                if (builder.Length == 0 || builder[^1] != ' ')
                {
                    builder.Append(' ');
                }
            }
            else
            {
                builder.Append(c);
            }
        }
    }

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

    /// <summary>Shortens <paramref name="text"/> for messages.</summary>
    public static string Preview(string text, int max = 60) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
