namespace ScribeActors.Agent.Planning;

/// <summary>
/// How well the row around a look-alike element (<see cref="Pruning.PrunedHtml.RowOf"/>) matches the objective: the
/// number of the objective's distinct words that the row holds as whole words, case ignored. A word counts when it has
/// at least three characters or a digit (<c>EXP-2253</c>, <c>287.74</c>, <c>Tanaka</c>; not <c>of</c>). The page
/// grammar offers, of several elements with the same name, those in the best-matching rows
/// (<see cref="Prompting.StepGrammarOptions.NodePreference"/>): "approve expense report EXP-2253" leads to the Approve
/// button of the row that shows EXP-2253.
/// </summary>
public static class RowMatch
{
    private static readonly char[] Separators = [' ', '\t', '\n', '\r', ',', ';', ':', '(', ')', '[', ']', '"', '!', '?', '\u00A0'];

    /// <summary>The score of <paramref name="row"/> for <paramref name="objective"/>; 0 for no row.</summary>
    public static int Score(string objective, string? row)
    {
        ArgumentNullException.ThrowIfNull(objective);
        if (string.IsNullOrEmpty(row))
        {
            return 0;
        }

        var rowWords = Words(row);
        return Words(objective).Count(rowWords.Contains);
    }

    private static HashSet<string> Words(string text)
    {
        var words = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in text.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw.TrimEnd('.');
            if (word.Length >= 3 || word.Any(char.IsDigit))
            {
                words.Add(word);
            }
        }

        return words;
    }
}
