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
        var row = new int[8 + 2 * 4];

        AnswerDataset.Fill(example, 8, row);

        Assert.Equal([1, 10, 11, 12, 20, 21, 0, 0], row[..8]); // the last answer token is only a label
        Assert.Equal([3, 4, 5, 3], row[8..12]);                 // slot s predicts from position 3 + (s mod 3) ...
        Assert.Equal([20, 21, 2, 20], row[12..]);               // ... answer token s mod 3; prompt positions 0-2 are never targets
    }

    [Fact]
    public void FromTokenizations_PromptNotAPrefix_RefusesNamingTheBoundary()
    {
        var e = Assert.Throws<ArgumentException>(() => TrainingExample.FromTokenizations([1, 5, 6], [1, 5, 7, 8]));

        Assert.Contains("not a strict prefix", e.Message, StringComparison.Ordinal);
        Assert.Equal([7, 8], TrainingExample.FromTokenizations([1, 5], [1, 5, 7, 8]).Answer);
    }
}
