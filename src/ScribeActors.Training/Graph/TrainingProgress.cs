namespace ScribeActors.Training.Graph;

/// <summary>A progress report: after each training batch, and once per epoch after validation (<see cref="EpochDone"/>).</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Batch">Training batches (datapoints: packs of examples) done in this epoch.</param>
/// <param name="Batches">Training batches per epoch.</param>
/// <param name="Loss">Mean training loss of the epoch so far.</param>
/// <param name="TokensPerSecond">The examples' input tokens (padding not counted) per second over the epoch's training so far.</param>
/// <param name="LearningRate">The learning rate of the latest optimizer step.</param>
/// <param name="EpochDone">True for the end-of-epoch report, which carries <paramref name="ValidationLoss"/>.</param>
/// <param name="ValidationLoss">Mean validation loss (null without validation examples or before the epoch ends).</param>
public sealed record TrainingProgress(
    int Epoch, int Batch, int Batches, double Loss, double TokensPerSecond, float LearningRate, bool EpochDone, double? ValidationLoss);

/// <summary>One epoch's numbers.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="TrainLoss">Mean training loss.</param>
/// <param name="TrainAccuracy">Share of answer tokens predicted exactly (argmax) during training.</param>
/// <param name="ValidationLoss">Mean validation loss, or null without validation examples.</param>
/// <param name="ValidationAccuracy">Validation answer-token accuracy, or null.</param>
/// <param name="TokensPerSecond">Training throughput (the examples' input tokens per second, padding not counted).</param>
public sealed record EpochSummary(int Epoch, double TrainLoss, double TrainAccuracy, double? ValidationLoss, double? ValidationAccuracy, double TokensPerSecond);

/// <summary>The outcome of <see cref="Trainer.TrainAsync"/>.</summary>
/// <param name="Epochs">Every epoch run, in order.</param>
/// <param name="BestEpoch">The epoch whose weights <paramref name="Weights"/> holds (lowest validation loss; the last without validation).</param>
/// <param name="StoppedEarly">True when patience ran out before the last epoch.</param>
/// <param name="OptimizerSteps">The learning-rate schedule's step count at the end: one per optimizer step, counting the steps of epochs completed before a resume.</param>
/// <param name="Weights">The weights of <paramref name="BestEpoch"/>.</param>
public sealed record TrainingResult(IReadOnlyList<EpochSummary> Epochs, int BestEpoch, bool StoppedEarly, int OptimizerSteps, LlamaWeights Weights);

/// <summary>Where a training run stands after an epoch: what a checkpoint keeps so a resumed run goes on exactly.</summary>
/// <param name="CompletedEpochs">Epochs done.</param>
/// <param name="BestEpoch">The epoch with the lowest validation loss so far (the latest without validation); 0 before any.</param>
/// <param name="BestScore">That epoch's validation loss (training loss without validation).</param>
/// <param name="StaleEpochs">Epochs since the best one (early stopping stops when it reaches the patience).</param>
public sealed record TrainingState(int CompletedEpochs, int BestEpoch, double BestScore, int StaleEpochs)
{
    /// <summary>The state before the first epoch.</summary>
    public static TrainingState Start { get; } = new(0, 0, double.PositiveInfinity, 0);
}
