using System.Globalization;
using System.Text;

namespace ScribeActors.Agent.Prompting;

/// <summary>
/// The texts a step may type when typed text is copied from a source (the objective,
/// <see cref="StepGrammarOptions.TypedTextSource"/>): any run of whole words of the source, as written there
/// (<c>Apollo rollout (PRJ-104)</c>, <c>{{secret:supplier_password}}</c>, <c>93.88</c> from
/// <c>amount 93.88 EUR,</c>). Words are runs of characters that are neither white space nor punctuation at a word's edge
/// (<c>, . ; : ! ? ( ) [ ] "</c>); edge punctuation is a word of its own, so a run may take it or stop before it. A
/// double quote ends every run (a quoted value cannot hold one), and no run is longer than the value budget.
/// </summary>
internal static class TypedTextSpans
{
    private const string EdgePunctuation = ",.;:!?()[]\"";

    /// <summary>The source's words, each with whether white space separates it from the word before.</summary>
    public static List<(string Word, bool SpaceBefore)> Words(string source)
    {
        var words = new List<(string, bool)>();
        foreach (var raw in source.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var start = 0;
            var end = raw.Length;
            var leading = new List<string>();
            while (start < end && EdgePunctuation.Contains(raw[start], StringComparison.Ordinal))
            {
                leading.Add(raw[start++].ToString());
            }

            var trailing = new List<string>();
            while (end > start && EdgePunctuation.Contains(raw[end - 1], StringComparison.Ordinal))
            {
                trailing.Insert(0, raw[--end].ToString());
            }

            var first = true;
            foreach (var word in leading.Append(start < end ? raw[start..end] : null).Concat(trailing))
            {
                if (word is null)
                {
                    continue;
                }

                words.Add((word, first && words.Count > 0));
                first = false;
            }
        }

        return words;
    }

    /// <summary>Every run of whole words of <paramref name="source"/> up to <paramref name="maxChars"/> characters, each once.</summary>
    public static IEnumerable<string> All(string source, int maxChars)
    {
        var words = Words(source);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < words.Count; i++)
        {
            var run = new StringBuilder();
            for (var j = i; j < words.Count && Usable(words[j].Word); j++)
            {
                if (j > i && words[j].SpaceBefore)
                {
                    run.Append(' ');
                }

                run.Append(words[j].Word);
                if (run.Length > maxChars)
                {
                    break;
                }

                if (seen.Add(run.ToString()))
                {
                    yield return run.ToString();
                }
            }
        }
    }

    /// <summary>
    /// Appends the rule <paramref name="rule"/> that matches exactly the runs of <see cref="All"/>: one chain of rules
    /// per starting word (<c>rule-3-0 ::= "Apollo" (" " rule-3-1)?</c>), each chain cut where the run would pass
    /// <paramref name="maxChars"/>. <see langword="false"/> (nothing appended) when the source has no usable word.
    /// </summary>
    public static bool AppendRule(StringBuilder gbnf, string rule, string source, int maxChars)
    {
        var words = Words(source);
        var starts = new List<string>();
        var chains = new StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            if (!Usable(words[i].Word) || words[i].Word.Length > maxChars)
            {
                continue;
            }

            // The chain from word i: rule-i-k is the k-th word of the run and what may follow it.
            var length = 0;
            var k = 0;
            for (var j = i; j < words.Count && Usable(words[j].Word); j++, k++)
            {
                var separator = j > i && words[j].SpaceBefore ? " " : "";
                length += separator.Length + words[j].Word.Length;
                var nextFits = j + 1 < words.Count && Usable(words[j + 1].Word)
                    && length + (words[j + 1].SpaceBefore ? 1 : 0) + words[j + 1].Word.Length <= maxChars;
                var name = Name(rule, i, k);
                chains.Append(name).Append(" ::= ").Append(StepGrammar.Literal(words[j].Word));
                if (nextFits)
                {
                    var nextSeparator = words[j + 1].SpaceBefore ? StepGrammar.Literal(" ") + " " : "";
                    chains.Append(" (").Append(nextSeparator).Append(Name(rule, i, k + 1)).Append(")?");
                }

                chains.Append('\n');
                if (!nextFits)
                {
                    break;
                }
            }

            starts.Add(Name(rule, i, 0));
        }

        if (starts.Count == 0)
        {
            return false;
        }

        gbnf.Append(rule).Append(" ::= ").AppendJoin(" | ", starts).Append('\n').Append(chains);
        return true;
    }

    private static string Name(string rule, int start, int k) =>
        string.Create(CultureInfo.InvariantCulture, $"{rule}-{start}-{k}");

    private static bool Usable(string word) => StepGrammar.Quotable(word);
}
