using ScribeActors.Training.Jobs;
using System.Security.Cryptography;
using System.Text.Json;
using ScribeActors.Inference.Gguf;
using ScribeActors.Training.Graph;

namespace ScribeActors.Training.Worker;

/// <summary>
/// Per-epoch checkpoints in the job's output folder: <c>model-epoch-N.gguf</c>, then its sidecar
/// <c>model-epoch-N.json</c>, each written to a temporary file and renamed, the sidecar last. A checkpoint counts only
/// when its sidecar exists and names this job, so a kill at any moment leaves the last complete one to resume from.
/// Only the last <see cref="KeepLast"/> and the best epoch's are kept.
/// </summary>
internal sealed class Checkpoints(string directory, string jobHash, GgufDocument baseDocument)
{
    /// <summary>The hash that ties checkpoints to their job: SHA-256 of the job file.</summary>
    public static string HashJob(string jobPath) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(jobPath)));

    /// <summary>The newest complete checkpoint of this job, or null. Throws <see cref="InvalidOperationException"/>
    /// when the folder holds checkpoints of another job.</summary>
    public CheckpointInfo? Latest()
    {
        if (!Directory.Exists(directory))
        {
            return null;
        }

        CheckpointInfo? latest = null;
        foreach (var sidecar in Directory.EnumerateFiles(directory, "model-epoch-*.json"))
        {
            var info = JsonSerializer.Deserialize<CheckpointInfo>(File.ReadAllBytes(sidecar), TrainingJob.Json)!;
            if (info.JobHash != jobHash)
            {
                throw new InvalidOperationException($"'{directory}' holds checkpoints of another job ({Path.GetFileName(sidecar)}); use an empty output folder.");
            }

            if (File.Exists(Path.Combine(directory, info.Model)) && (latest is null || info.Epoch > latest.Epoch))
            {
                latest = info;
            }
        }

        return latest;
    }

    /// <summary>Path of the model file of epoch <paramref name="epoch"/>.</summary>
    public string ModelPath(int epoch) => Path.Combine(directory, $"model-epoch-{epoch}.gguf");

    /// <summary>Writes the checkpoint of <paramref name="epoch"/> (model first, sidecar last, both atomic), then deletes
    /// the checkpoints that are neither among the last <see cref="KeepLast"/> nor the best epoch's.</summary>
    public CheckpointInfo Write(EpochSummary epoch, LlamaWeights weights, TrainingState state)
    {
        Directory.CreateDirectory(directory);
        LlamaGguf.Save(baseDocument, weights, ModelPath(epoch.Epoch));
        var info = new CheckpointInfo(epoch.Epoch, jobHash, Path.GetFileName(ModelPath(epoch.Epoch)), epoch.TrainLoss, epoch.ValidationLoss, state.BestEpoch, state.BestScore, state.StaleEpochs);
        WriteAtomically(Path.Combine(directory, $"model-epoch-{epoch.Epoch}.json"), JsonSerializer.SerializeToUtf8Bytes(info, TrainingJob.Json));
        for (var e = epoch.Epoch - KeepLast; e >= 1; e--)
        {
            if (e != state.BestEpoch)
            {
                File.Delete(Path.Combine(directory, $"model-epoch-{e}.json")); // the sidecar first: a model without one is ignored
                File.Delete(ModelPath(e));
            }
        }

        return info;
    }

    /// <summary>Checkpoints kept besides the best epoch's: the newest and the one before it.</summary>
    public const int KeepLast = 2;

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
    }
}

/// <summary>A checkpoint's sidecar.</summary>
/// <param name="Epoch">Epochs completed.</param>
/// <param name="JobHash">The job it belongs to.</param>
/// <param name="Model">File name of its GGUF beside it.</param>
/// <param name="TrainLoss">That epoch's training loss.</param>
/// <param name="ValidationLoss">That epoch's validation loss, if any.</param>
/// <param name="BestEpoch">The best epoch so far (its checkpoint is kept).</param>
/// <param name="BestScore">The best epoch's validation (or training) loss.</param>
/// <param name="StaleEpochs">Epochs since the best one.</param>
internal sealed record CheckpointInfo(int Epoch, string JobHash, string Model, double TrainLoss, double? ValidationLoss, int BestEpoch, double BestScore, int StaleEpochs)
{
    /// <summary>The trainer state to resume from.</summary>
    public TrainingState State => new(Epoch, BestEpoch, BestScore, StaleEpochs);
}
