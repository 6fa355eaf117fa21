using ScribeActors.Training.Jobs;
using System.Text.Json;
using ScribeActors.Training.Graph;

namespace ScribeActors.Training.Worker;

/// <summary>
/// One worker run: read the job, resume from its last checkpoint if there is one, train the remaining epochs with a
/// checkpoint after each, write <c>model.gguf</c> (the best epoch's weights), and report everything as JSON lines.
/// </summary>
internal static class WorkerRun
{
    /// <summary>Runs the job at <paramref name="jobPath"/>; returns the process exit code (0 done, 1 failed, 3 cancelled).</summary>
    public static async Task<int> RunAsync(string jobPath, TextWriter output, TimeProvider time, CancellationToken cancellationToken)
    {
        void Emit(object line)
        {
            output.WriteLine(JsonSerializer.Serialize(line, line.GetType(), TrainingJob.Json));
            output.Flush();
        }

        try
        {
            var job = TrainingJob.Read(jobPath);
            var options = job.TrainerOptions();
            var (baseDocument, baseWeights) = LlamaGguf.Load(job.BaseModel);
            var checkpoints = new Checkpoints(job.OutputDirectory, Checkpoints.HashJob(jobPath), baseDocument);
            var resume = checkpoints.Latest();
            var weights = resume is null ? baseWeights : LlamaGguf.Load(checkpoints.ModelPath(resume.Epoch)).Weights;
            var bestWeights = resume is null || resume.BestEpoch == 0 ? null
                : resume.BestEpoch == resume.Epoch ? weights
                : LlamaGguf.Load(checkpoints.ModelPath(resume.BestEpoch)).Weights;
            Emit(new { type = "start", epochs = options.Epochs, examples = job.Train.Count, validation = job.Validation.Count, tokens = options.Tokens, lossPositions = options.LossPositions, resumedFromEpoch = resume?.Epoch ?? 0 });

            await using var trainer = await Trainer.CreateAsync(weights, options, time);
            var lastBatchLine = time.GetTimestamp();
            var progress = new InlineProgress<TrainingProgress>(p =>
            {
                if (p.EpochDone || time.GetElapsedTime(lastBatchLine) >= TimeSpan.FromMilliseconds(500))
                {
                    lastBatchLine = time.GetTimestamp();
                    Emit(new { type = p.EpochDone ? "epoch" : "batch", epoch = p.Epoch, batch = p.Batch, batches = p.Batches, loss = p.Loss, validationLoss = p.ValidationLoss, tokensPerSecond = p.TokensPerSecond, learningRate = p.LearningRate });
                }
            });
            var result = await trainer.TrainAsync(
                job.Train.Select(e => e.ToExample()).ToList(),
                job.Validation.Select(e => e.ToExample()).ToList(),
                progress,
                cancellationToken,
                resume?.State,
                bestWeights,
                (epoch, current, state) =>
                {
                    var info = checkpoints.Write(epoch, current, state);
                    Emit(new { type = "checkpoint", epoch = info.Epoch, bestEpoch = info.BestEpoch, path = checkpoints.ModelPath(info.Epoch) });
                });

            var modelPath = Path.Combine(job.OutputDirectory, "model.gguf");
            LlamaGguf.Save(baseDocument, result.Weights, modelPath);
            using var self = System.Diagnostics.Process.GetCurrentProcess();
            Emit(new { type = "done", model = modelPath, bestEpoch = result.BestEpoch, stoppedEarly = result.StoppedEarly, epochsRun = result.Epochs.Count, peakRssBytes = self.PeakWorkingSet64 });
            return 0;
        }
        catch (OperationCanceledException)
        {
            Emit(new { type = "cancelled" });
            return 3;
        }
#pragma warning disable CA1031 // Every failure becomes one error line and exit code 1 for the parent process.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Emit(new { type = "error", kind = e.GetType().Name, message = e.Message });
            return 1;
        }
    }

    private sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
