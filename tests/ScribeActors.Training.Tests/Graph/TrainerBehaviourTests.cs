using ScribeActors.Testing;
using ScribeActors.Training.Graph;
using Xunit.Abstractions;

namespace ScribeActors.Training.Tests.Graph;

public sealed class TrainerBehaviourTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TrainAsync_GradientAccumulation_TakesOneOptimizerStepPerPeriod()
    {
        var (examples, weights) = Data(12);
        var options = Options(examples) with { Epochs = 2, GradientAccumulation = 4 };
        await using var trainer = await Trainer.CreateAsync(weights, options);

        var result = await trainer.TrainAsync(examples, []);

        Assert.Equal(2 * 12 / 4, result.OptimizerSteps);
        Assert.Equal(2, result.BestEpoch);
        Assert.All(result.Epochs, e => Assert.Null(e.ValidationLoss));
    }

    [Fact]
    public async Task TrainAsync_CancelledMidEpoch_StopsBetweenBatchesAndTheTrainerStaysUsable()
    {
        var (examples, weights) = Data(20);
        await using var trainer = await Trainer.CreateAsync(weights, Options(examples) with { Epochs = 3 });
        using var cancel = new CancellationTokenSource();
        var batches = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => trainer.TrainAsync(examples, [], new SyncProgress<TrainingProgress>(p =>
        {
            if (!p.EpochDone && ++batches == 5)
            {
                cancel.Cancel();
            }
        }), cancel.Token));

        Assert.Equal(5, batches);
        var (loss, _) = await trainer.EvaluateAsync(examples);
        Assert.True(double.IsFinite(loss));
    }

    [Fact]
    public async Task TrainAsync_ValidationGetsWorse_StopsEarlyAndKeepsTheBestEpochsWeights()
    {
        var (examples, weights) = Data(20);

        // The validation set asks for other answers to the same prompts, so fitting the training set makes it worse.
        var validation = examples.Select((e, i) => new TrainingExample(e.Prompt, examples[(i + 1) % examples.Count].Answer)).ToList();
        await using var trainer = await Trainer.CreateAsync(weights, Options(examples) with { Epochs = 30, LearningRate = 5e-3f, Patience = 2 });

        var result = await trainer.TrainAsync(examples, validation);

        foreach (var e in result.Epochs)
        {
            output.WriteLine($"epoch {e.Epoch}: train {e.TrainLoss:F4}, val {e.ValidationLoss:F4}");
        }

        Assert.True(result.StoppedEarly);
        Assert.Equal(result.BestEpoch + 2, result.Epochs.Count);
        var bestValidation = result.Epochs.Min(e => e.ValidationLoss!.Value);
        Assert.Equal(bestValidation, result.Epochs[result.BestEpoch - 1].ValidationLoss);
        await using var check = await Trainer.CreateAsync(result.Weights, Options(examples));
        Assert.Equal(bestValidation, (await check.EvaluateAsync(validation)).Loss, 5);
    }

    [Fact]
    public async Task TrainAsync_EachEpoch_VisitsEveryExampleOnceInANewOrder()
    {
        var (examples, weights) = Data(12);

        // A learning rate of 1e-20 leaves the weights as they are, so each batch's loss identifies its example.
        await using var trainer = await Trainer.CreateAsync(weights, Options(examples) with { Epochs = 3, LearningRate = 1e-20f, MinLearningRate = 1e-20f });
        var reports = new List<TrainingProgress>();

        await trainer.TrainAsync(examples, [], new SyncProgress<TrainingProgress>(reports.Add));

        var orders = reports.Where(r => !r.EpochDone).GroupBy(r => r.Epoch).Select(epoch =>
        {
            var means = epoch.Select(r => r.Loss).ToList();
            return means.Select((m, i) => Math.Round(i == 0 ? m : (i + 1) * m - i * means[i - 1], 3)).ToList(); // per-batch loss from running means
        }).ToList();
        Assert.Equal(3, orders.Count);
        Assert.Equal(12, orders[0].Distinct().Count());
        Assert.All(orders, o => Assert.Equal(orders[0].Order(), o.Order()));
        Assert.NotEqual(orders[0], orders[1]);
        Assert.NotEqual(orders[1], orders[2]);
    }

    [Fact]
    public async Task TrainAsync_ResumedFromAnEpochsState_ContinuesTheScheduleAndTheEarlyStoppingCount()
    {
        var (examples, weights) = Data(12);
        var validation = examples.Take(3).ToList();
        var options = Options(examples) with { Epochs = 4, Patience = 3, WarmupSteps = 5 };
        var states = new List<(TrainingState State, LlamaWeights Weights)>();
        var reports = new List<TrainingProgress>();
        TrainingResult whole;
        await using (var trainer = await Trainer.CreateAsync(weights, options))
        {
            whole = await trainer.TrainAsync(examples, validation, new SyncProgress<TrainingProgress>(reports.Add), epochEnded: (_, w, s) => states.Add((s, w)));
        }

        var (state, atTwo) = states[1];
        Assert.Equal(2, state.CompletedEpochs);
        var bestWeights = states[state.BestEpoch - 1].Weights;
        var resumedReports = new List<TrainingProgress>();
        await using var resumed = await Trainer.CreateAsync(atTwo, options);
        var rest = await resumed.TrainAsync(examples, validation, new SyncProgress<TrainingProgress>(resumedReports.Add), resume: state, resumeBestWeights: bestWeights);

        Assert.Equal([3, 4], rest.Epochs.Select(e => e.Epoch));
        Assert.Equal(whole.OptimizerSteps, rest.OptimizerSteps);
        Assert.Equal(reports.First(r => r.Epoch == 3).LearningRate, resumedReports[0].LearningRate); // the schedule went on at step 24

        // One epoch short of the patience and a best score nothing beats: the resumed run stops after one epoch.
        await using var stopping = await Trainer.CreateAsync(atTwo, options);
        var stopped = await stopping.TrainAsync(examples, validation, resume: state with { BestScore = 0, StaleEpochs = options.Patience - 1 }, resumeBestWeights: bestWeights);

        Assert.True(stopped.StoppedEarly);
        Assert.Equal([3], stopped.Epochs.Select(e => e.Epoch));
        Assert.Equal(state.BestEpoch, stopped.BestEpoch);
        Assert.Same(bestWeights, stopped.Weights);
    }

    [Fact]
    public void LearningRateSchedule_WarmupThenCosine_RisesLinearlyThenFallsToTheFloor()
    {
        var schedule = new LearningRateSchedule(new TrainerOptions { Tokens = 2, LossPositions = 1, LearningRate = 1e-2f, MinLearningRate = 1e-3f, WarmupSteps = 4 }, 104);

        Assert.Equal([2.5e-3f, 5e-3f, 7.5e-3f, 1e-2f], Enumerable.Range(0, 4).Select(schedule.At));
        Assert.Equal(1e-2f, schedule.At(4), 6);
        Assert.Equal(5.5e-3f, schedule.At(54), 6);
        Assert.Equal(1e-3f, schedule.At(104), 6);
        Assert.Equal(1e-3f, schedule.At(500), 6);
    }

    [Fact]
    public async Task CreateAsync_ExamplesLongerThanTheGraph_RefusesCountingThem()
    {
        var (examples, weights) = Data(10);
        await using var trainer = await Trainer.CreateAsync(weights, Options(examples) with { Tokens = 6 });

        var e = await Assert.ThrowsAsync<ArgumentException>(() => trainer.TrainAsync(examples, []));

        Assert.Contains($"{examples.Count(x => x.InputLength > 6)} of 10 examples do not fit the graph's 6 tokens", e.Message, StringComparison.Ordinal);
    }

    private static (List<TrainingExample> Examples, LlamaWeights Weights) Data(int count)
    {
        using var reference = new LlamaReference(TestModels.Stories260K);
        return (QaData.Examples(reference, QaData.Lookups(count)), LlamaGguf.Load(TestModels.Stories260K).Weights);
    }

    private static TrainerOptions Options(IEnumerable<TrainingExample> examples)
    {
        var (tokens, positions) = TrainerOptions.Fit(examples);
        return new TrainerOptions { Tokens = tokens, LossPositions = positions, Threads = 1, Patience = 0 };
    }
}
