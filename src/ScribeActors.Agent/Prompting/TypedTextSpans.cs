using System.Globalization;
using System.Text;

namespace ScribeActors.Agent.Prompting;

/// <summary>
/// The texts a step may type when typed text is copied from a source (the objective,
/// <see cref="StepGrammarOptions.TypedTextSource"/>): any run of whole words of the source, as written there
/// (<c>Apollo rollout (PRJ-104)</c>, <c>{{secret:supplier_password}}</c>, <c>93.88</c> from
/// <c>amount 93.88 EUR,</c>). Words are runs of characters that are neither white space nor punctuation at a word's edge
/// (<c>, . ; : ! ? ( ) [ ] "</c>); edge punctuation is a word of its own, so a run may take it or stop before it. A
/// double quote ends every run (a quoted value cannot hold one), and no run is longer than the value budget. A part of the
/// source in double quotes (<c>purpose "Travel to the Rotterdam customer workshop"</c>) is one value: the only run that
/// takes any of its words is the whole of it (a quoted part longer than the budget is left to runs of its words). Online
/// the trained model typed the first nine words of a quoted dispute description, a run the grammar allowed.
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

    /// <summary>
    /// For each word inside a quoted part that fits in <paramref name="maxChars"/> characters, the index of that part's
    /// last word (and only its first word may start a run); -1 for every other word. Straight quotes pair up in order; an
    /// unpaired last one quotes nothing.
    /// </summary>
    public static int[] QuotedParts(List<(string Word, bool SpaceBefore)> words, int maxChars)
    {
        var ends = Enumerable.Repeat(-1, words.Count).ToArray();
        var open = -1;
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i].Word != "\"")
            {
                continue;
            }

            if (open < 0)
            {
                open = i;
                continue;
            }

            var (first, last) = (open + 1, i - 1);
            open = -1;
            if (first <= last && Enumerable.Range(first, last - first + 1).All(k => Usable(words[k].Word)) && Join(words, first, last).Length <= maxChars)
            {
                for (var k = first; k <= last; k++)
                {
                    ends[k] = last;
                }
            }
        }

        return ends;
    }

    /// <summary>Words <paramref name="first"/> to <paramref name="last"/> as written in the source.</summary>
    private static string Join(List<(string Word, bool SpaceBefore)> words, int first, int last)
    {
        var run = new StringBuilder();
        for (var j = first; j <= last; j++)
        {
            run.Append(j > first && words[j].SpaceBefore ? " " : "").Append(words[j].Word);
        }

        return run.ToString();
    }

    /// <summary>Every run of whole words of <paramref name="source"/> up to <paramref name="maxChars"/> characters, each once.</summary>
    public static IEnumerable<string> All(string source, int maxChars)
    {
        var words = Words(source);
        var quoted = QuotedParts(words, maxChars);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < words.Count; i++)
        {
            if (quoted[i] >= 0)
            {
                // A quoted part is typed whole: one run, from its first word.
                if ((i == 0 || quoted[i - 1] != quoted[i]) && seen.Add(Join(words, i, quoted[i])))
                {
                    yield return Join(words, i, quoted[i]);
                }

                continue;
            }

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
        var quoted = QuotedParts(words, maxChars);
        var starts = new List<string>();
        var chains = new StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            if (quoted[i] >= 0)
            {
                // A quoted part is typed whole.
                if (i == 0 || quoted[i - 1] != quoted[i])
                {
                    chains.Append(Name(rule, i, 0)).Append(" ::= ").Append(StepGrammar.Literal(Join(words, i, quoted[i]))).Append('\n');
                    starts.Add(Name(rule, i, 0));
                }

                continue;
            }

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
