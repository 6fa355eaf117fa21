namespace ScribeActors.Training.Graph;

/// <summary>
/// Packs answer-only examples into datapoints of at most T input tokens and S answer tokens, so a graph of fixed length
/// T spends its work on examples instead of padding. Each example keeps its own rope positions (from 0) and attends
/// only to itself (<see cref="AnswerDataset"/> writes the block-diagonal causal mask per datapoint), so a packed example
/// gets exactly the logits it would get alone. First fit, longest first: the same examples always give the same packs.
/// </summary>
public static class ExamplePacker
{
    /// <summary>
    /// Groups <paramref name="examples"/> into packs whose input lengths sum to at most <paramref name="tokens"/> and whose
    /// answer lengths sum to at most <paramref name="lossPositions"/>; with <paramref name="pack"/> false every example is
    /// its own pack. Examples keep their relative order inside a pack. An example that does not fit alone is its own pack
    /// (<see cref="AnswerDataset"/> refuses it, naming the sizes).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<TrainingExample>> Pack(IReadOnlyList<TrainingExample> examples, int tokens, int lossPositions, bool pack = true)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (!pack)
        {
            return [.. examples.Select(e => (IReadOnlyList<TrainingExample>)[e])];
        }

        var order = Enumerable.Range(0, examples.Count).OrderByDescending(i => examples[i].InputLength).ThenBy(i => i);
        var packs = new List<(List<int> Members, int Tokens, int Answers)>();
        foreach (var i in order)
        {
            var e = examples[i];
            var at = packs.FindIndex(p => p.Tokens + e.InputLength <= tokens && p.Answers + e.Answer.Count <= lossPositions);
            if (at < 0)
            {
                packs.Add(([i], e.InputLength, e.Answer.Count));
                continue;
            }

            var (members, used, answers) = packs[at];
            members.Add(i);
            packs[at] = (members, used + e.InputLength, answers + e.Answer.Count);
        }

        return [.. packs.Select(p => (IReadOnlyList<TrainingExample>)[.. p.Members.Order().Select(i => examples[i])])];
    }

    /// <summary>
    /// The answer positions S that packing <paramref name="examples"/> into <paramref name="tokens"/> needs so that only
    /// the token limit decides the packs (S never below the longest answer).
    /// </summary>
    public static int LossPositionsFor(IReadOnlyList<TrainingExample> examples, int tokens)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var longest = examples.Count == 0 ? 1 : examples.Max(e => e.Answer.Count);
        return Math.Max(longest, Pack(examples, tokens, int.MaxValue).Select(p => p.Sum(e => e.Answer.Count)).DefaultIfEmpty(1).Max());
    }
}
