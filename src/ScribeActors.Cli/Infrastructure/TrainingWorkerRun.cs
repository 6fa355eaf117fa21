using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ScribeActors.Agent.Evaluation;
using ScribeActors.Cli.Evaluation;
using ScribeActors.Training.Data;

namespace ScribeActors.Cli.Infrastructure;

/// <summary>One epoch as the worker reported it.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Loss">Mean training loss (answer tokens).</param>
/// <param name="ValidationLoss">Validation loss, when there is a validation split.</param>
/// <param name="TokensPerSecond">Training throughput of the epoch.</param>
internal sealed record EpochLine(int Epoch, double Loss, double? ValidationLoss, double TokensPerSecond);

/// <summary>
/// Runs the training worker (<c>ScribeActors.Training.Worker.dll</c>, beside this CLI) on a job file as a child process,
/// so a native abort takes down only the worker: its JSON lines become a live progress line (epoch, loss, tokens/s,
/// ETA) and the epochs of the report. When given an evaluation, each epoch's checkpoint is copied as it is written and
/// scored on the validation sample here, beside the worker (which goes on with the next epoch), so the report has the
/// step metrics of every epoch. Ctrl+C stops the worker between batches; running the same job again resumes.
/// </summary>
internal sealed class TrainingWorkerRun
{
    private readonly List<EpochLine> _epochs = [];
    private readonly ConcurrentDictionary<int, MetricsReport> _epochMetrics = new();

    /// <summary>The trained model, or null when the worker failed.</summary>
    public string? Model { get; private set; }

    /// <summary>Why the worker failed.</summary>
    public string? Failure { get; private set; }

    /// <summary>The epoch the result is taken from (lowest validation loss).</summary>
    public int BestEpoch { get; private set; }

    /// <summary>The worker's peak memory.</summary>
    public long PeakRssBytes { get; private set; }

    /// <summary>Wall time of the run.</summary>
    public TimeSpan Elapsed { get; private set; }

    /// <summary>Starts the worker on <paramref name="jobPath"/> and follows it to its end; <paramref name="evaluateEpoch"/>
    /// (epoch, model file), when given, scores each epoch's checkpoint.</summary>
    public static async Task<TrainingWorkerRun> RunAsync(
        string jobPath, TimeProvider time, Func<int, string, CancellationToken, Task<MetricsReport>>? evaluateEpoch, CancellationToken cancellationToken)
    {
        var worker = Path.Combine(AppContext.BaseDirectory, "ScribeActors.Training.Worker.dll");
        if (!File.Exists(worker))
        {
            throw new InvalidOperationException($"The training worker is missing ({worker}): build the solution again.");
        }

        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        // The worker runs on this CLI's runtime configuration and dependency list: the CLI's folder holds what the
        // worker needs, resolved for the frameworks the CLI uses (the ASP.NET Core one brings the logging abstractions).
        var host = Path.Combine(AppContext.BaseDirectory, System.Reflection.Assembly.GetEntryAssembly()!.GetName().Name!);
        foreach (var a in new[] { "exec", "--runtimeconfig", host + ".runtimeconfig.json", "--depsfile", host + ".deps.json", worker, "--job", jobPath })
        {
            info.ArgumentList.Add(a);
        }

        var run = new TrainingWorkerRun();
        var started = time.GetTimestamp();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("The training worker did not start.");
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var stop = cancellationToken.Register(() => Signal(process));
        int epochs = 1, doneBatches = 0;
        var evaluations = Task.CompletedTask;
        while (await process.StandardOutput.ReadLineAsync(CancellationToken.None) is { } line)
        {
            using var json = JsonDocument.Parse(line);
            var e = json.RootElement;
            switch (e.GetProperty("type").GetString())
            {
                case "start":
                    epochs = e.GetProperty("epochs").GetInt32();
                    Console.WriteLine($"Training     {e.GetProperty("examples").GetInt32()} examples, {e.GetProperty("validation").GetInt32()} for validation, " +
                        $"T={e.GetProperty("tokens").GetInt32()}, up to {epochs} epochs{(e.GetProperty("resumedFromEpoch").GetInt32() is > 0 and var r ? $", resumed after epoch {r}" : "")}");
                    break;
                case "batch":
                    doneBatches++;
                    Progress(e, epochs, time.GetElapsedTime(started));
                    break;
                case "epoch":
                    var epoch = new EpochLine(e.GetProperty("epoch").GetInt32(), e.GetProperty("loss").GetDouble(),
                        e.TryGetProperty("validationLoss", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null, e.GetProperty("tokensPerSecond").GetDouble());
                    run._epochs.Add(epoch);
                    Console.WriteLine($"\repoch {epoch.Epoch}/{epochs}: loss {epoch.Loss:F4}{(epoch.ValidationLoss is { } vl ? $", validation {vl:F4}" : "")}, {epoch.TokensPerSecond:N0} tok/s          ");
                    break;
                case "checkpoint" when evaluateEpoch is not null:
                    // Copied now: the worker deletes older checkpoints as it goes, and the evaluation may start later.
                    var number = e.GetProperty("epoch").GetInt32();
                    var copy = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(jobPath))!, "evaluated", $"epoch-{number}.gguf");
                    Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                    File.Copy(e.GetProperty("path").GetString()!, copy, overwrite: true);
                    evaluations = run.EvaluateAfterAsync(evaluations, number, copy, evaluateEpoch, cancellationToken);
                    break;
                case "done":
                    run.Model = e.GetProperty("model").GetString();
                    run.BestEpoch = e.GetProperty("bestEpoch").GetInt32();
                    run.PeakRssBytes = e.GetProperty("peakRssBytes").GetInt64();
                    break;
                case "error":
                    run.Failure = $"{e.GetProperty("kind").GetString()}: {e.GetProperty("message").GetString()}";
                    break;
                case "cancelled":
                    run.Failure = "cancelled; run the same command again to resume from the last checkpoint";
                    break;
            }
        }

        await process.WaitForExitAsync(CancellationToken.None);
        await evaluations;
        run.Elapsed = time.GetElapsedTime(started);
        if (run.Model is null && run.Failure is null)
        {
            var stderr = (await errors).Trim();
            run.Failure = $"the worker ended with exit code {process.ExitCode}{(process.ExitCode == 134 ? " (a native abort)" : "")}{(stderr.Length > 0 ? $": {stderr.Split('\n')[^1]}" : "")}";
        }

        return run;
    }

    /// <summary>Scores one epoch's checkpoint once the epochs before it are scored (one model loaded at a time).</summary>
    private async Task EvaluateAfterAsync(Task before, int epoch, string model, Func<int, string, CancellationToken, Task<MetricsReport>> evaluate, CancellationToken cancellationToken)
    {
        await before;
        try
        {
            var metrics = await evaluate(epoch, model, cancellationToken);
            _epochMetrics[epoch] = metrics;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"\repoch {epoch}: validation step success {metrics.StepSuccessRate:P1}, element accuracy {metrics.ElementAccuracy:P1} ({metrics.Steps} steps, greedy, page grammar)          "));
        }
        catch (OperationCanceledException)
        {
            // Stopped with the run.
        }
#pragma warning disable CA1031 // A failed evaluation leaves a gap in the report; training goes on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Console.Error.WriteLine($"warning: epoch {epoch} could not be evaluated: {e.Message}");
        }
        finally
        {
            File.Delete(model);
        }
    }

    /// <summary>Writes <c>train.json</c>, <c>loss.svg</c> and, when epochs were evaluated, <c>steps.svg</c> into
    /// <paramref name="directory"/>; returns their paths.</summary>
    public IReadOnlyList<string> WriteReport(string directory, StepExampleSet train, StepExampleSet validation, int contextSize)
    {
        var json = Path.Combine(directory, "train.json");
        var svg = Path.Combine(directory, "loss.svg");
        File.WriteAllText(json, JsonSerializer.Serialize(new
        {
            model = Model,
            bestEpoch = BestEpoch,
            seconds = Math.Round(Elapsed.TotalSeconds, 1),
            peakRssBytes = PeakRssBytes,
            context = contextSize,
            examples = new { train = train.Examples.Count, validation = validation.Examples.Count, cut = train.Cut.Count + validation.Cut.Count },
            tokens = new { train = train.Examples.Sum(e => e.Ids.Prompt.Count + e.Ids.Answer.Count), answer = train.Examples.Sum(e => e.Ids.Answer.Count) },
            epochs = _epochs.Select(e => new
            {
                e.Epoch,
                e.Loss,
                e.ValidationLoss,
                e.TokensPerSecond,
                Validation = _epochMetrics.TryGetValue(e.Epoch, out var m)
                    ? new { m.Steps, m.StepSuccessRate, m.ElementAccuracy, m.OperationF1, m.CalibratedExactMatch }
                    : null,
            }),
            cut = train.Cut.Concat(validation.Cut).Select(c => new { record = c.RecordId, reason = c.Reason }),
        }, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase }));
        File.WriteAllText(svg, LineChart.Render("Training: answer-token loss per epoch", "epochs",
        [
            ("train loss", [.. _epochs.Select(e => (double?)e.Loss)]),
            ("validation loss", [.. _epochs.Select(e => e.ValidationLoss)]),
        ]));
        if (_epochMetrics.IsEmpty)
        {
            return [json, svg];
        }

        var steps = Path.Combine(directory, "steps.svg");
        double? Rate(int epoch, Func<MetricsReport, double?> pick) => _epochMetrics.TryGetValue(epoch, out var m) ? pick(m) : null;
        File.WriteAllText(steps, LineChart.Render($"Validation steps per epoch ({_epochMetrics.Values.First().Steps} steps, greedy, page grammar)", "epochs",
        [
            ("step success", [.. _epochs.Select(e => Rate(e.Epoch, m => m.StepSuccessRate))]),
            ("element accuracy", [.. _epochs.Select(e => Rate(e.Epoch, m => m.ElementAccuracy))]),
            ("operation F1", [.. _epochs.Select(e => Rate(e.Epoch, m => m.OperationF1))]),
        ]));
        return [json, svg, steps];
    }

    private static void Progress(JsonElement e, int epochs, TimeSpan elapsed)
    {
        var epoch = e.GetProperty("epoch").GetInt32();
        var batch = e.GetProperty("batch").GetInt32();
        var batches = Math.Max(1, e.GetProperty("batches").GetInt32());
        var done = ((epoch - 1) * batches) + batch;
        var eta = done == 0 ? TimeSpan.Zero : elapsed * (((double)epochs * batches / done) - 1);
        Console.Write(string.Create(CultureInfo.InvariantCulture,
            $"\repoch {epoch}/{epochs} batch {batch}/{batches} loss {e.GetProperty("loss").GetDouble():F4} {e.GetProperty("tokensPerSecond").GetDouble():N0} tok/s ETA {eta:hh\\:mm\\:ss} (at most)   "));
    }

    private static void Signal(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])?.WaitForExit();
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }
}
