using ScribeActors.Training.Native;

namespace ScribeActors.Training.Graph;

/// <content>The training loop.</content>
public sealed partial class Trainer
{
    /// <summary>
    /// Trains on <paramref name="train"/> for up to <see cref="TrainerOptions.Epochs"/> epochs, evaluating
    /// <paramref name="validation"/> after each (early stopping after <see cref="TrainerOptions.Patience"/> epochs
    /// without improvement). Reports after every batch and every epoch. Cancellation is honoured between batches
    /// (<see cref="OperationCanceledException"/>); the trainer stays usable. Throws <see cref="ArgumentException"/>
    /// for an empty training set or examples that do not fit. To resume from a checkpoint, create the trainer from its
    /// weights and pass the epochs it had completed as <paramref name="completedEpochs"/>: epochs are then numbered on
    /// from there and the learning rate continues where the schedule stood (the AdamW moments restart; ggml-opt does
    /// not expose them). <paramref name="epochEnded"/> runs on the trainer's thread after each epoch with that epoch's
    /// weights, for checkpoints.
    /// </summary>
    public Task<TrainingResult> TrainAsync(
        IReadOnlyList<TrainingExample> train,
        IReadOnlyList<TrainingExample> validation,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default,
        int completedEpochs = 0,
        Action<EpochSummary, LlamaWeights>? epochEnded = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(completedEpochs);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        return _thread.RunAsync(() =>
        {
            using var trainSet = AnswerDataset.Create(train, Options.Tokens, Options.LossPositions, Config.Vocab);
            using var validationSet = validation.Count == 0 ? null : AnswerDataset.Create(validation, Options.Tokens, Options.LossPositions, Config.Vocab);
            return Loop(trainSet, validationSet, progress, completedEpochs, epochEnded, cancellationToken);
        });
    }

    private TrainingResult Loop(
        AnswerDataset train, AnswerDataset? validation, IProgress<TrainingProgress>? progress, int completedEpochs,
        Action<EpochSummary, LlamaWeights>? epochEnded, CancellationToken cancellationToken)
    {
        var period = Options.GradientAccumulation;
        _schedule.Begin(Options.Epochs * (train.Count / period), completedEpochs * (train.Count / period));
        var epochs = new List<EpochSummary>();
        var best = double.PositiveInfinity;
        var bestEpoch = 0;
        LlamaWeights? bestWeights = null;
        var stale = 0;
        var result = GgmlOpt.ResultInit();
        try
        {
            for (var epoch = completedEpochs + 1; epoch <= Options.Epochs; epoch++)
            {
                GgmlOpt.DatasetShuffle(_opt, train.Handle, -1);
                GgmlOpt.ResultReset(result);
                var start = _time.GetTimestamp();
                var tokensPerSecond = 0d;

                // Whole accumulation periods only, so every epoch ends on an optimizer step.
                var batches = train.Count / period * period;
                for (var i = 0; i < batches; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    GgmlOpt.Alloc(_opt, backward: true);
                    GgmlOpt.DatasetGetBatch(train.Handle, GgmlOpt.Inputs(_opt), GgmlOpt.Labels(_opt), i);
                    GgmlOpt.Eval(_opt, result);
                    tokensPerSecond = (double)Options.Tokens * (i + 1) / _time.GetElapsedTime(start).TotalSeconds;
                    progress?.Report(new TrainingProgress(epoch, i + 1, batches, GgmlOpt.Loss(result), tokensPerSecond, _schedule.Current, false, null));
                }

                var trainLoss = GgmlOpt.Loss(result);
                (double Loss, double Accuracy)? val = validation is null ? null : Evaluate(validation);
                epochs.Add(new EpochSummary(epoch, trainLoss, GgmlOpt.Accuracy(result), val?.Loss, val?.Accuracy, tokensPerSecond));
                progress?.Report(new TrainingProgress(epoch, batches, batches, trainLoss, tokensPerSecond, _schedule.Current, true, val?.Loss));

                var score = val?.Loss ?? trainLoss;
                var current = validation is null || score < best || epochEnded is not null ? _graph!.ReadWeights() : null;
                epochEnded?.Invoke(epochs[^1], current!);
                if (validation is null || score < best)
                {
                    best = score;
                    bestEpoch = epoch;
                    bestWeights = current;
                    stale = 0;
                }
                else if (Options.Patience > 0 && ++stale >= Options.Patience)
                {
                    return new TrainingResult(epochs, bestEpoch, epoch < Options.Epochs, _schedule.Steps, bestWeights!);
                }
            }

            return new TrainingResult(epochs, bestEpoch, false, _schedule.Steps, bestWeights ?? _graph!.ReadWeights());
        }
        finally
        {
            GgmlOpt.ResultFree(result);
        }
    }
}
