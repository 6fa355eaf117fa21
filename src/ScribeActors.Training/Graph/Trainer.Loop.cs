using ScribeActors.Training.Models;
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
    /// for an empty training set or examples that do not fit. Progress is reported on the trainer's thread.
    /// <paramref name="epochEnded"/> runs there too after each epoch, with that epoch's weights and the state to resume
    /// from, for checkpoints. To resume, create the trainer from the checkpoint's weights and pass its state as
    /// <paramref name="resume"/> and the best epoch's weights as <paramref name="resumeBestWeights"/>: epochs are
    /// numbered on, the learning rate continues where the schedule stood and early stopping keeps its count (the AdamW
    /// moments restart: ggml-opt does not expose them).
    /// </summary>
    public Task<TrainingResult> TrainAsync(
        IReadOnlyList<TrainingExample> train,
        IReadOnlyList<TrainingExample> validation,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default,
        TrainingState? resume = null,
        LlamaWeights? resumeBestWeights = null,
        Action<EpochSummary, LlamaWeights, TrainingState>? epochEnded = null)
    {
        resume ??= TrainingState.Start;
        if (resume.BestEpoch > 0 && resumeBestWeights is null)
        {
            throw new ArgumentException($"Resuming after epoch {resume.CompletedEpochs} needs the weights of its best epoch {resume.BestEpoch}.", nameof(resumeBestWeights));
        }

        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        return _thread.RunAsync(() =>
        {
            using var trainSet = AnswerDataset.Create(train, _graph!, Options.Pack);
            using var validationSet = validation.Count == 0 ? null : AnswerDataset.Create(validation, _graph!, Options.Pack);
            return Loop(trainSet, validationSet, progress, resume, resumeBestWeights, epochEnded, cancellationToken);
        });
    }

    private TrainingResult Loop(
        AnswerDataset train, AnswerDataset? validation, IProgress<TrainingProgress>? progress, TrainingState resume,
        LlamaWeights? bestWeights, Action<EpochSummary, LlamaWeights, TrainingState>? epochEnded, CancellationToken cancellationToken)
    {
        var period = Options.GradientAccumulation;
        _schedule.Begin(Options.Epochs * (train.Count / period), resume.CompletedEpochs * (train.Count / period));
        var epochs = new List<EpochSummary>();
        var (best, bestEpoch, stale) = (resume.BestScore, resume.BestEpoch, resume.StaleEpochs);
        var result = GgmlOpt.ResultInit();
        try
        {
            for (var epoch = resume.CompletedEpochs + 1; epoch <= Options.Epochs; epoch++)
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
                    train.Load(_opt, i);
                    GgmlOpt.Eval(_opt, result);
                    tokensPerSecond = (double)train.InputTokens * (i + 1) / train.Count / _time.GetElapsedTime(start).TotalSeconds;
                    progress?.Report(new TrainingProgress(epoch, i + 1, batches, GgmlOpt.Loss(result), tokensPerSecond, _schedule.Current, false, null));
                }

                var trainLoss = GgmlOpt.Loss(result);
                (double Loss, double Accuracy)? val = validation is null ? null : Evaluate(validation);
                epochs.Add(new EpochSummary(epoch, trainLoss, GgmlOpt.Accuracy(result), val?.Loss, val?.Accuracy, tokensPerSecond));
                progress?.Report(new TrainingProgress(epoch, batches, batches, trainLoss, tokensPerSecond, _schedule.Current, true, val?.Loss));

                var score = val?.Loss ?? trainLoss;
                var improved = validation is null || score < best;
                var current = improved || epochEnded is not null ? _graph!.ReadWeights() : null;
                (best, bestEpoch, stale) = improved ? (score, epoch, 0) : (best, bestEpoch, stale + 1);
                bestWeights = improved ? current : bestWeights;
                epochEnded?.Invoke(epochs[^1], current!, new TrainingState(epoch, bestEpoch, best, stale));
                if (Options.Patience > 0 && stale >= Options.Patience)
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
