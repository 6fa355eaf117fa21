using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace ScribeActors.DemoSites.Tests.Support;

/// <summary>
/// The subset of Playwright selectors the expert scripts use, evaluated on the light DOM: CSS compound selectors joined by
/// descendant spaces, each with optional <c>:has-text("...")</c> (case-insensitive substring of the element's text), and
/// <c>text=...</c> (the innermost elements containing the text). Like Playwright's strict mode, callers require one match.
/// </summary>
internal static partial class Selectors
{
    public static IReadOnlyList<IElement> QueryAll(IDocument document, string selector)
    {
        if (selector.StartsWith("text=", StringComparison.Ordinal))
        {
            var text = selector["text=".Length..].Trim('"');
            var body = document.Body!;
            return [.. body.QuerySelectorAll("*").Prepend(body)
                .Where(e => e.LocalName is not ("script" or "style") && Contains(e, text) && !e.Children.Any(c => Contains(c, text)))];
        }

        IEnumerable<IElement> current = [document.DocumentElement];
        var first = true;
        foreach (var compound in SplitCompounds(selector))
        {
            var texts = HasText().Matches(compound).Select(m => m.Groups[1].Value).ToList();
            var css = HasText().Replace(compound, "");
            if (css.Length == 0)
            {
                css = "*";
            }

            var scope = current;
            var matches = scope.SelectMany(root => root.QuerySelectorAll(css).Concat(first && root.Matches(css) ? [root] : []))
                .Where(e => texts.All(t => Contains(e, t)))
                .Distinct()
                .ToList();
            current = matches;
            first = false;
        }

        return [.. current];
    }

    /// <summary>The single element <paramref name="selector"/> matches; fails the test on none or several.</summary>
    public static IElement Single(IDocument document, string selector, string context)
    {
        var matches = QueryAll(document, selector);
        Assert.True(matches.Count == 1,
            $"{context}: selector '{selector}' matched {matches.Count} elements, expected exactly one" +
            (matches.Count > 1 ? ": " + string.Join(" | ", matches.Take(4).Select(m => Normalize(m.OuterHtml)[..Math.Min(120, Normalize(m.OuterHtml).Length)])) : "."));
        return matches[0];
    }

    public static string Normalize(string text) => Whitespace().Replace(text, " ").Trim();

    private static bool Contains(IElement element, string text) =>
        Normalize(element.TextContent).Contains(text, StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string> SplitCompounds(string selector)
    {
        var depth = 0;
        var inQuote = false;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            var c = selector[i];
            if (c == '"')
            {
                inQuote = !inQuote;
            }
            else if (!inQuote && c is '(' or '[')
            {
                depth++;
            }
            else if (!inQuote && c is ')' or ']')
            {
                depth--;
            }
            else if (!inQuote && depth == 0 && c == ' ')
            {
                if (i > start)
                {
                    yield return selector[start..i];
                }

                start = i + 1;
            }
        }

        if (start < selector.Length)
        {
            yield return selector[start..];
        }
    }

    [GeneratedRegex(":has-text\\(\"([^\"]*)\"\\)")]
    private static partial Regex HasText();

    [GeneratedRegex("\\s+")]
    private static partial Regex Whitespace();
}
