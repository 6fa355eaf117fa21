using ScribeActors.Training.Graph;

namespace ScribeActors.Training.Tests.Graph;

public sealed class ExamplePackerTests
{
    private static TrainingExample Example(int prompt, int answer, int tag) =>
        new(Enumerable.Repeat(tag, prompt).ToArray(), Enumerable.Repeat(tag, answer).ToArray());

    [Fact]
    public void Pack_Examples_EachOnceWithinBothLimitsLongestFirst()
    {
        // Input lengths 9, 5, 4, 3, 2, 6 (prompt + answer - 1); answers 2, 3, 1, 1, 2, 4.
        List<TrainingExample> examples = [Example(8, 2, 0), Example(3, 3, 1), Example(4, 1, 2), Example(3, 1, 3), Example(1, 2, 4), Example(3, 4, 5)];

        var packs = ExamplePacker.Pack(examples, tokens: 10, lossPositions: 5);

        Assert.All(packs, p => Assert.True(p.Sum(e => e.InputLength) <= 10 && p.Sum(e => e.Answer.Count) <= 5));
        Assert.Equal(Enumerable.Range(0, 6), packs.SelectMany(p => p).Select(e => e.Prompt[0]).Order());
        // 9 alone; 6 then 4 (10 tokens, 5 answers); 5 then 3; 2 would make 6 answers with them, so it is alone.
        Assert.Equal([[0], [2, 5], [1, 3], [4]], packs.Select(p => p.Select(e => e.Prompt[0]).ToArray()));
    }

    [Fact]
    public void Pack_Off_EveryExampleAlone()
    {
        List<TrainingExample> examples = [Example(1, 1, 0), Example(1, 1, 1)];

        Assert.Equal(2, ExamplePacker.Pack(examples, 100, 100, pack: false).Count);
        Assert.Single(ExamplePacker.Pack(examples, 100, 100));
    }

    [Fact]
    public void LossPositionsFor_Examples_IsWhatTheTokenLimitsPacksNeed()
    {
        List<TrainingExample> examples = [Example(3, 4, 0), Example(3, 4, 1), Example(10, 2, 2)];

        Assert.Equal(8, ExamplePacker.LossPositionsFor(examples, tokens: 12)); // 6 + 6 share one datapoint, 11 is alone
        Assert.Equal(4, ExamplePacker.LossPositionsFor(examples, tokens: 11));
    }
}
