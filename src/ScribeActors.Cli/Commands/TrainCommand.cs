using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using ScribeActors.Agent.Datasets;
using ScribeActors.Agent.Evaluation;
using ScribeActors.Agent.Planning;
using ScribeActors.Cli.Evaluation;
using ScribeActors.Cli.Infrastructure;
using ScribeActors.Inference.Gguf;
using ScribeActors.Training.Data;
using ScribeActors.Training.Jobs;
using ScribeActors.Training.Models;
using ScribeActors.Training.Tokenizer;

namespace ScribeActors.Cli.Commands;

/// <summary>
/// scribe train: a dataset's train and validation records become examples through the production planner (the prompts the
/// model will read, its own tokenizer and context), a vocabulary is learned and a llama model created (or a base model
/// taken), and the training worker process trains it answer-only, with live progress, per-epoch checkpoints and a
/// report (train.json, loss.svg) beside the model.
/// </summary>
internal static class TrainCommand
{
    private static readonly string[] ChatMarkers = ["<|im_start|>", "<|im_end|>"];

    public static Command Create()
    {
        var data = new Option<DirectoryInfo>("--data") { Description = "A dataset folder (`scribe dataset build`).", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Where the trained GGUF goes; its work folder (checkpoints, report) is <out>.train/.", Required = true };
        var from = new Option<FileInfo?>("--from") { Description = "Start from this llama GGUF (F32/F16, its own vocabulary) instead of a new model." };
        var scheme = new Option<string>("--scheme") { Description = "The split scheme (instance, template, site).", DefaultValueFactory = _ => "instance" };
        var vocab = new Option<int>("--vocab") { Description = "Vocabulary size learned from the corpus (new model).", DefaultValueFactory = _ => 2048 };
        var embd = new Option<int>("--embd") { Description = "Hidden size (new model; multiple of 32).", DefaultValueFactory = _ => 128 };
        var layers = new Option<int>("--layers") { Description = "Blocks (new model; 1-16).", DefaultValueFactory = _ => 4 };
        var heads = new Option<int>("--heads") { Description = "Attention heads (new model).", DefaultValueFactory = _ => 4 };
        var ff = new Option<int>("--ff") { Description = "Feed-forward size (new model; multiple of 32).", DefaultValueFactory = _ => 384 };
        var context = new Option<int>("--context") { Description = "Context the prompts are fitted into (tokens).", DefaultValueFactory = _ => 1024 };
        var epochs = new Option<int>("--epochs") { Description = "Most epochs (early stopping on validation loss).", DefaultValueFactory = _ => 10 };
        var rate = new Option<float>("--lr") { Description = "Peak learning rate (warm-up, then cosine).", DefaultValueFactory = _ => 2e-3f };
        var threads = new Option<int>("--threads") { Description = "Native threads of the worker.", DefaultValueFactory = _ => Math.Max(1, Environment.ProcessorCount) };
        var limit = new Option<int?>("--limit") { Description = "Use at most this many train records (the first of the split)." };
        var fraction = new Option<double?>("--fraction")
        {
            Description = "Train on this fraction (0-1] of the train split's task instances: whole recorded workflows, spread evenly over tasks and seeds (a data-size curve).",
        };
        var pack = new Option<bool>("--pack")
        {
            Description = "Pack several examples into one graph input (each sees only itself); false pads every example to the longest.",
            DefaultValueFactory = _ => true,
        };
        var seed = new Option<ulong>("--seed") { Description = "Seed of a new model's weights.", DefaultValueFactory = _ => 1UL };
        var evalSteps = new Option<int>("--eval-steps")
        {
            Description = "Validation records (spread over the split) each epoch's checkpoint is scored on, decoded as in production; 0: none.",
            DefaultValueFactory = _ => 100,
        };
        var command = new Command("train", "Train a model on a dataset, answer-only, in a worker process.")
        {
            data, output, from, scheme, vocab, embd, layers, heads, ff, context, epochs, rate, threads, limit, fraction, pack, seed, evalSteps,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            DatasetReader dataset;
            IReadOnlyList<DatasetRecord> train, validation;
            try
            {
                dataset = DatasetReader.Open(result.GetValue(data)!.FullName);
                train = dataset.Records(result.GetValue(scheme)!, "train");
                validation = dataset.Records(result.GetValue(scheme)!, "validation");
            }
            catch (DatasetFolderException e)
            {
                throw new InvalidOperationException($"--data: {e.Message}", e);
            }

            if (result.GetValue(fraction) is { } part)
            {
                if (part is <= 0 or > 1)
                {
                    throw new InvalidOperationException($"--fraction: {part} is not in (0, 1].");
                }

                var instances = train.Select(r => r.Instance).Distinct(StringComparer.Ordinal).ToList();
                var kept = DatasetEvaluation.Sample(instances, (int)Math.Ceiling(instances.Count * part)).ToHashSet(StringComparer.Ordinal);
                train = [.. train.Where(r => kept.Contains(r.Instance))];
                Console.WriteLine($"Data         {kept.Count} of {instances.Count} train instances ({part:P1}), {train.Count} records");
            }

            train = result.GetValue(limit) is { } most ? [.. train.Take(Math.Max(0, most))] : train;
            if (train.Count == 0)
            {
                throw new InvalidOperationException($"--data: the dataset at {dataset.FullPath} has no train records in scheme '{result.GetValue(scheme)}'.");
            }

            var target = result.GetValue(output)!.FullName;
            var work = target + ".train";
            Directory.CreateDirectory(work);
            var (basePath, tokenizer, contextSize) = result.GetValue(from) is { } baseFile
                ? FromBase(baseFile.FullName, result.GetValue(context))
                : NewModel(train, work, result.GetValue(vocab), new LlamaModelConfig
                {
                    VocabSize = result.GetValue(vocab),
                    EmbeddingLength = result.GetValue(embd),
                    BlockCount = result.GetValue(layers),
                    HeadCount = result.GetValue(heads),
                    HeadCountKv = result.GetValue(heads),
                    FeedForwardLength = result.GetValue(ff),
                    ContextLength = result.GetValue(context),
                }, result.GetValue(seed));

            var settings = new PlanSettings();
            var trainSet = await StepExamples.Build(train, tokenizer, contextSize, settings, cancellationToken);
            var validationSet = await StepExamples.Build(validation, tokenizer, contextSize, settings, cancellationToken);
            Console.WriteLine($"Examples     {trainSet.Examples.Count} train, {validationSet.Examples.Count} validation; " +
                $"{trainSet.Cut.Count + validationSet.Cut.Count} records cut (gold element not shown or too long for a {contextSize}-token context)");
            foreach (var (id, reason) in trainSet.Cut.Concat(validationSet.Cut).Take(5))
            {
                Console.WriteLine($"  cut {id}: {reason}");
            }

            if (trainSet.Examples.Count == 0)
            {
                throw new InvalidOperationException($"No train record fits a {contextSize}-token context with its gold element shown: raise --context.");
            }

            var job = new TrainingJob
            {
                BaseModel = basePath,
                OutputDirectory = Path.Combine(work, "checkpoints"),
                Train = [.. trainSet.Examples.Select(e => new JobExample(e.Ids.Prompt, e.Ids.Answer))],
                Validation = [.. validationSet.Examples.Select(e => new JobExample(e.Ids.Prompt, e.Ids.Answer))],
                Options = new JobOptions
                {
                    Epochs = result.GetValue(epochs), LearningRate = result.GetValue(rate), Threads = result.GetValue(threads),
                    WarmupSteps = Math.Min(50, trainSet.Examples.Count), Pack = result.GetValue(pack),
                },
            };
            var jobPath = Path.Combine(work, "job.json");
            await File.WriteAllTextAsync(jobPath, JsonSerializer.Serialize(job, TrainingJob.Json), cancellationToken);
            var sample = DatasetEvaluation.Sample(validation, result.GetValue(evalSteps));
            var run = await TrainingWorkerRun.RunAsync(jobPath, TimeProvider.System, sample.Count == 0 ? null : async (epoch, model, ct) =>
                (await OfflineEvaluation.RunAsync($"epoch {epoch}", model, sample, null, ct)).Metrics, cancellationToken);
            if (run.Model is null)
            {
                Console.Error.WriteLine($"error: training failed: {run.Failure}");
                return 1;
            }

            File.Copy(run.Model, target, overwrite: true);
            var report = run.WriteReport(work, trainSet, validationSet, contextSize);
            Console.WriteLine($"Model        {target} ({new FileInfo(target).Length / 1024.0 / 1024.0:F1} MB)");
            Console.WriteLine($"Report       {string.Join(", ", report)}");
            return 0;
        });
        return WorkflowCommands.Guarded(command);
    }

    private static (string Base, SpmTokenizer Tokenizer, int Context) FromBase(string path, int context)
    {
        try
        {
            var document = GgufReader.Read(path, loadTensorData: false);
            if (!document.Metadata.TryGetValue("general.architecture", out var architecture) || architecture.AsString() != "llama")
            {
                throw new InvalidOperationException($"--from: {path} is not a llama model; the trainer builds llama graphs only.");
            }

            return (path, new SpmTokenizer(SpmVocabulary.ReadFrom(document)), context);
        }
        catch (Exception e) when (e is GgufFormatException or InvalidDataException or KeyNotFoundException)
        {
            throw new InvalidOperationException($"--from: {path} cannot be a base model: {e.Message}", e);
        }
    }

    private static (string Base, SpmTokenizer Tokenizer, int Context) NewModel(IReadOnlyList<DatasetRecord> train, string work, int vocabSize, LlamaModelConfig config, ulong seed)
    {
        try
        {
            config.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException(e.Message, e);
        }

        // The corpus is what prompts carry: objectives, pruned pages and the steps written so far.
        var corpus = train.SelectMany(r => new[] { r.Objective, r.Pruned, r.Target }).Append(ScribeActors.Agent.Prompting.ScribePrompt.SystemLine);
        var vocabulary = SpmTrainer.Train(corpus, new SpmTrainerOptions { VocabSize = vocabSize, ControlTokens = ChatMarkers });
        var path = Path.Combine(work, "base.gguf");
        LlamaModelFactory.Write(config with { VocabSize = vocabulary.Count }, vocabulary, seed, path);
        Console.WriteLine($"Model        new llama: {config.EmbeddingLength} wide, {config.BlockCount} blocks, {config.HeadCount} heads, ff {config.FeedForwardLength}, vocabulary {vocabulary.Count} learned from {train.Count} records");
        return (path, new SpmTokenizer(vocabulary), config.ContextLength);
    }
}
