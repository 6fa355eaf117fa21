using System.Text.Json;
using ScribeActors.Training.Graph;

namespace ScribeActors.Training.Jobs;

/// <summary>A training job as the worker reads it from JSON (camelCase). Examples are token ids, tokenized by the caller.</summary>
public sealed record TrainingJob
{
    /// <summary>The JSON options jobs and checkpoints are read and written with.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // A checkpoint's best score is +Infinity before any epoch improves on it.
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The base GGUF (F32 or F16 llama); its metadata is copied into every checkpoint and the result.</summary>
    public required string BaseModel { get; init; }

    /// <summary>Folder of the checkpoints (<c>model-epoch-N.gguf</c> + <c>.json</c>) and the result <c>model.gguf</c>.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Training examples.</summary>
    public required IReadOnlyList<JobExample> Train { get; init; }

    /// <summary>Validation examples (may be empty: then there is no early stopping).</summary>
    public IReadOnlyList<JobExample> Validation { get; init; } = [];

    /// <summary>Trainer options; T and S default to the smallest that fit the examples.</summary>
    public JobOptions Options { get; init; } = new();

    /// <summary>Reads a job file; throws <see cref="InvalidDataException"/> naming the problem.</summary>
    public static TrainingJob Read(string path)
    {
        try
        {
            var job = JsonSerializer.Deserialize<TrainingJob>(File.ReadAllBytes(path), Json)
                ?? throw new InvalidDataException($"The job file '{path}' is empty.");
            return job.Train.Count > 0 ? job : throw new InvalidDataException($"The job '{path}' has no training examples.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The job file '{path}' is not a valid training job: {e.Message}", e);
        }
    }

    /// <summary>The trainer options for these examples.</summary>
    public TrainerOptions TrainerOptions()
    {
        var o = Options;
        List<TrainingExample> train = [.. Train.Select(e => e.ToExample())], validation = [.. Validation.Select(e => e.ToExample())];
        var (tokens, positions) = Graph.TrainerOptions.Fit(train.Concat(validation));
        tokens = o.Tokens ?? tokens;
        if (o.Pack && o.LossPositions is null)
        {
            // Train and validation are packed apart: S is what the more demanding of the two needs.
            positions = Math.Max(Graph.TrainerOptions.FitPacked(train, tokens).LossPositions,
                validation.Count == 0 ? 1 : Graph.TrainerOptions.FitPacked(validation, tokens).LossPositions);
        }

        return new TrainerOptions
        {
            Tokens = tokens,
            LossPositions = o.LossPositions ?? positions,
            Pack = o.Pack,
            Epochs = o.Epochs,
            LearningRate = o.LearningRate,
            MinLearningRate = o.MinLearningRate,
            WarmupSteps = o.WarmupSteps,
            WeightDecay = o.WeightDecay,
            GradientAccumulation = o.GradientAccumulation,
            Patience = o.Patience,
            Threads = o.Threads ?? Environment.ProcessorCount,
        };
    }
}

/// <summary>One example: prompt and answer token ids.</summary>
/// <param name="Prompt">Prompt token ids (context, no loss).</param>
/// <param name="Answer">Answer token ids (the loss targets).</param>
public sealed record JobExample(IReadOnlyList<int> Prompt, IReadOnlyList<int> Answer)
{
    /// <summary>The trainer's example.</summary>
    public TrainingExample ToExample() => new(Prompt, Answer);
}

/// <summary>The job's trainer options; see <see cref="Graph.TrainerOptions"/> for each meaning and default.</summary>
public sealed record JobOptions
{
    /// <summary>T; null = the longest example.</summary>
    public int? Tokens { get; init; }

    /// <summary>S; null = the longest answer, or what the packs need when packing.</summary>
    public int? LossPositions { get; init; }

    /// <summary>Whether examples share datapoints. <value>Default true.</value></summary>
    public bool Pack { get; init; } = true;

    /// <summary>Most epochs. <value>Default 10.</value></summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Peak learning rate. <value>Default 2e-3.</value></summary>
    public float LearningRate { get; init; } = 2e-3f;

    /// <summary>Final learning rate. <value>Default 1e-4.</value></summary>
    public float MinLearningRate { get; init; } = 1e-4f;

    /// <summary>Warm-up steps. <value>Default 0.</value></summary>
    public int WarmupSteps { get; init; }

    /// <summary>AdamW weight decay. <value>Default 0.</value></summary>
    public float WeightDecay { get; init; }

    /// <summary>Examples per optimizer step. <value>Default 1.</value></summary>
    public int GradientAccumulation { get; init; } = 1;

    /// <summary>Early-stopping patience in epochs. <value>Default 3.</value></summary>
    public int Patience { get; init; } = 3;

    /// <summary>CPU threads; null = the processor count.</summary>
    public int? Threads { get; init; }
}
