using System.Text;

namespace ScribeActors.Abstractions;

/// <summary>Whitespace collapsing and previews of text, as step blocks and page text use them.</summary>
public static class StepText
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
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(text);
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

    /// <summary>Shortens <paramref name="text"/> for messages.</summary>
    public static string Preview(string text, int max = 60)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
    }
}
