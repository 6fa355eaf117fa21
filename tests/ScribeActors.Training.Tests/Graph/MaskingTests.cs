using ScribeActors.Testing;
using ScribeActors.Training.Graph;
using Xunit.Abstractions;

namespace ScribeActors.Training.Tests.Graph;

public sealed class MaskingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Loss_AnswerOnly_IsTheCrossEntropyOfTheAnswerPositionsNotOfThePrompt()
    {
        using var reference = new LlamaReference(TestModels.Stories260K);
        var examples = QaData.Examples(reference, QaData.Sums(10)); // answers " 0" … " 9": all the same length, so no slot repeats
        var (tokens, positions) = TrainerOptions.Fit(examples);
        Assert.All(examples, e => Assert.Equal(positions, e.Answer.Count));
        var (_, weights) = LlamaGguf.Load(TestModels.Stories260K);
        await using var trainer = await Trainer.CreateAsync(weights, new TrainerOptions { Tokens = tokens, LossPositions = positions, Threads = 1 });

        var (loss, _) = await trainer.EvaluateAsync(examples);
        List<double> answerOnly = [], everyPosition = [];
        foreach (var e in examples)
        {
            int[] all = [.. e.Prompt, .. e.Answer];
            var logits = reference.Logits(all);
            for (var i = 0; i < all.Length - 1; i++)
            {
                var ce = LlamaReference.CrossEntropy(logits[i], all[i + 1]);
                everyPosition.Add(ce);
                if (i >= e.Prompt.Count - 1)
                {
                    answerOnly.Add(ce);
                }
            }
        }

        output.WriteLine($"graph {loss:F6}; LLamaSharp answer-only {answerOnly.Average():F6}; every position {everyPosition.Average():F6}");
        Assert.InRange(Math.Abs(loss - answerOnly.Average()), 0, 1e-4);
        Assert.True(Math.Abs(loss - everyPosition.Average()) > 0.1, "the loss would also be the full-sequence loss");
    }

    [Fact]
    public async Task Loss_SameTokensWithALongerPrompt_CountsOnlyTheRemainingAnswerPositions()
    {
        using var reference = new LlamaReference(TestModels.Stories260K);
        var e = QaData.Example(reference, "Q: 3+4= A:", " 7");
        var longer = new TrainingExample([.. e.Prompt, e.Answer[0]], e.Answer.Skip(1).ToArray()); // the first answer token becomes prompt
        var (_, weights) = LlamaGguf.Load(TestModels.Stories260K);
        await using var trainer = await Trainer.CreateAsync(weights, new TrainerOptions { Tokens = e.InputLength, LossPositions = longer.Answer.Count, Threads = 1 });

        var (loss, _) = await trainer.EvaluateAsync([longer]);
        var logits = reference.Logits([.. e.Prompt, .. e.Answer]);
        var expected = Enumerable.Range(0, longer.Answer.Count).Average(j => LlamaReference.CrossEntropy(logits[longer.Prompt.Count - 1 + j], longer.Answer[j]));
        var firstAnswerToken = LlamaReference.CrossEntropy(logits[e.Prompt.Count - 1], e.Answer[0]);

        output.WriteLine($"graph {loss:F6}; expected {expected:F6}; the excluded token's CE {firstAnswerToken:F6}");
        Assert.InRange(Math.Abs(loss - expected), 0, 1e-4);
        Assert.True(Math.Abs(firstAnswerToken - expected) > 0.01, "the excluded position must make a difference for this test to mean anything");
    }

    [Fact]
    public void Fill_Example_PutsOnlyAnswerTargetsAtTheAnswerPositions()
    {
        var example = new TrainingExample([1, 10, 11, 12], [20, 21, 2]);
        var row = new int[AnswerDataset.RowLength(8, 4)];

        AnswerDataset.Fill(example, 8, row);

        Assert.Equal([1, 10, 11, 12, 20, 21, 0, 0], row[..8]); // the last answer token is only a label
        Assert.Equal([3, 4, 5, 3], row[8..12]);                 // slot s predicts from position 3 + (s mod 3) ...
        Assert.Equal([20, 21, 2, 20], row[12..16]);             // ... answer token s mod 3; prompt positions 0-2 are never targets
        Assert.Equal([0, 1, 2, 3, 4, 5, 0, 1], row[16..]);      // rope positions; the padding is a segment of its own
    }

    [Fact]
    public void Fill_Pack_PlacesEachExampleAfterTheLastWithItsOwnPositionsAndAnswerSlots()
    {
        TrainingExample a = new([1, 10, 11], [20, 2]), b = new([1, 30], [40, 41, 2]);
        var row = new int[AnswerDataset.RowLength(10, 6)];

        AnswerDataset.Fill([a, b], 10, row);

        Assert.Equal([1, 10, 11, 20, 1, 30, 40, 41, 0, 0], row[..10]);
        Assert.Equal([2, 3, 5, 6, 7, 2], row[10..16]);            // a's answer from position 2, b's from 4 + 1; then repeated
        Assert.Equal([20, 2, 40, 41, 2, 20], row[16..22]);
        Assert.Equal([0, 1, 2, 3, 0, 1, 2, 3, 0, 1], row[22..]);
    }

    [Fact]
    public void WriteMask_PackedPositions_EachTokenSeesOnlyItsOwnExampleUpToItself()
    {
        var mask = new float[5 * 5];

        LlamaGraph.WriteMask([0, 1, 2, 0, 1], mask);

        string Row(int q) => string.Concat(mask.AsSpan(q * 5, 5).ToArray().Select(v => v == 0 ? 'o' : float.IsNegativeInfinity(v) ? '-' : '?'));
        Assert.Equal(["o----", "oo---", "ooo--", "---o-", "---oo"], Enumerable.Range(0, 5).Select(Row));
    }

    [Fact]
    public async Task Loss_PackedExamples_EqualsTheAnswerOnlyLossOfEachExampleAlone()
    {
        using var reference = new LlamaReference(TestModels.Stories260K);
        var examples = QaData.Examples(reference, [("Q: cat? A:", " 47"), ("Q: 3+4= A:", " 7"), ("Q: the dog? A:", " 12 and 5")]);
        var (_, weights) = LlamaGguf.Load(TestModels.Stories260K);
        var tokens = examples.Sum(e => e.InputLength);
        var positions = examples.Sum(e => e.Answer.Count);
        await using var trainer = await Trainer.CreateAsync(weights, new TrainerOptions { Tokens = tokens, LossPositions = positions, Threads = 1 });
        Assert.Single(ExamplePacker.Pack(examples, tokens, positions));

        var (loss, _) = await trainer.EvaluateAsync(examples);
        List<double> alone = [], seeingTheOthers = [];
        int[] before = [];
        foreach (var e in examples)
        {
            int[] all = [.. e.Prompt, .. e.Answer];
            var logits = reference.Logits(all);
            var joined = reference.Logits([.. before, .. all]); // the plain causal mask: the example also sees those packed before it
            for (var j = 0; j < e.Answer.Count; j++)
            {
                alone.Add(LlamaReference.CrossEntropy(logits[e.Prompt.Count - 1 + j], e.Answer[j]));
                seeingTheOthers.Add(LlamaReference.CrossEntropy(joined[before.Length + e.Prompt.Count - 1 + j], e.Answer[j]));
            }

            before = [.. before, .. all[..^1]];
        }

        output.WriteLine($"packed graph {loss:F6}; each alone (LLamaSharp) {alone.Average():F6}; seeing the others {seeingTheOthers.Average():F6}");
        Assert.InRange(Math.Abs(loss - alone.Average()), 0, 1e-4);
        Assert.True(Math.Abs(alone.Average() - seeingTheOthers.Average()) > 1e-3, "packing without the block mask must make a difference for this test to mean anything");
    }

    [Fact]
    public void FromTokenizations_PromptNotAPrefix_RefusesNamingTheBoundary()
    {
        var e = Assert.Throws<ArgumentException>(() => TrainingExample.FromTokenizations([1, 5, 6], [1, 5, 7, 8]));

        Assert.Contains("not a strict prefix", e.Message, StringComparison.Ordinal);
        Assert.Equal([7, 8], TrainingExample.FromTokenizations([1, 5], [1, 5, 7, 8]).Answer);
    }
}
