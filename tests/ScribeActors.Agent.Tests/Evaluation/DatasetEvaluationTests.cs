using ScribeActors.Abstractions;
using ScribeActors.Agent.Evaluation;
using ScribeActors.Agent.Planning;
using ScribeActors.Agent.Prompting;
using ScribeActors.Agent.Pruning;
using ScribeActors.Agent.Tests.Datasets;

namespace ScribeActors.Agent.Tests.Evaluation;

/// <summary>Held-out records scored through the production planner, with generators whose answers are known: the
/// numbers are checked by hand against the four steps of the sample sign-in (type user, type password, click, finish).</summary>
public sealed class DatasetEvaluationTests
{
    private static readonly PlanSettings Greedy = new("interactive", 160, 0, 0.95f, 42, 1, 0, AllowFinish: true);

    [Fact]
    public async Task Run_GeneratorWritesTheExpertsSteps_EveryMetricIsOne()
    {
        var records = DatasetSamples.Records(seed: 0);
        var oracle = new AnswerGenerator(i => records[i].TargetStep);

        var (metrics, steps) = await DatasetEvaluation.RunAsync("oracle", oracle, records, Greedy, null, CancellationToken.None);

        Assert.Equal(4, metrics.Steps);
        Assert.Equal(1.0, metrics.StepSuccessRate);
        Assert.Equal(1.0, metrics.ExactMatch);
        Assert.Equal(1.0, metrics.CalibratedExactMatch);
        Assert.Equal(1.0, metrics.TaskSuccessRate);
        Assert.All(steps, s => Assert.Equal(s.Gold.Replace("\n", " ", StringComparison.Ordinal), s.Predicted!.Replace("\n", " ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Run_GeneratorClicksTheWrongElementOnce_HandCheckedRates()
    {
        // Step 3 (click "Sign in") is answered with a click on the user-name input: right operation, wrong element.
        var records = DatasetSamples.Records(seed: 0);
        var userField = DatasetSamples.Node(DatasetSamples.Login, "input");
        var model = new AnswerGenerator(i => records[i].Step == 3 ? records[i].TargetStep with { Node = userField } : records[i].TargetStep);

        var (metrics, steps) = await DatasetEvaluation.RunAsync("one-wrong", model, records, Greedy, null, CancellationToken.None);

        Assert.Equal(4, metrics.Steps);
        Assert.Equal(3, metrics.ElementCorrect);
        Assert.Equal(4, metrics.OperationCorrect);
        Assert.Equal(0.75, metrics.StepSuccessRate);
        Assert.Equal(0.75, metrics.ExactMatch);
        Assert.Equal(0.0, metrics.TaskSuccessRate); // one instance, one step wrong
        Assert.False(steps[2].Score.StepSuccess);
        Assert.True(steps[2].Score.OperationCorrect);
    }

    [Fact]
    public async Task Run_GeneratorWritesNothingValid_CountsEveryStepInvalidWithTheReason()
    {
        var records = DatasetSamples.Records(seed: 0);
        var (metrics, steps) = await DatasetEvaluation.RunAsync("noise", new AnswerGenerator(_ => null), records, Greedy, null, CancellationToken.None);

        Assert.Equal(4, metrics.InvalidPredictions);
        Assert.Equal(0.0, metrics.StepSuccessRate);
        Assert.All(steps, s => Assert.Contains("no valid step", s.Problem, StringComparison.Ordinal));
    }

    /// <summary>Answers the i-th prompt (one per record, in order: no retries) with a chosen step, rendered as the model
    /// would write it, or with noise.</summary>
    private sealed class AnswerGenerator(Func<int, ScribeStep?> answer) : IStepGenerator
    {
        private int _calls;

        public string ModelId => "answers";

        public ITokenCounter Tokens { get; } = new ApproximateTokenCounter();

        public IChatTemplate Template => ChatMlTemplate.Instance;

        public int ContextSize => 8192;

        public Task<GeneratedText> GenerateAsync(GenerationCall call, CancellationToken cancellationToken)
        {
            var step = answer(_calls++);
            var text = step is null ? "not a step" : step.Render();
            return Task.FromResult(new GeneratedText(text, 100, 20, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero));
        }
    }

    [Fact]
    public void Sample_FewerThanThere_SpreadsEvenlyFromTheFirst()
    {
        int[] items = [.. Enumerable.Range(0, 10)];

        Assert.Equal([0, 3, 6], DatasetEvaluation.Sample(items, 3));
        Assert.Same(items, DatasetEvaluation.Sample(items, 10));
        Assert.Empty(DatasetEvaluation.Sample(items, 0));
    }
}
