using ScribeActors.Training.Jobs;
using System.Diagnostics;
using System.Text.Json;
using ScribeActors.Testing;
using ScribeActors.Training.Tests.Graph;
using ScribeActors.Training.Worker;
using Xunit.Abstractions;

namespace ScribeActors.Training.Tests.Worker;

public sealed class WorkerProcessTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scribe-worker-").FullName;

    [Fact]
    public async Task Worker_KilledMidRun_ResumesFromItsLastCheckpointAndFinishesTrained()
    {
        List<JobExample> examples;
        using (var reference = new LlamaReference(TestModels.Stories260K))
        {
            examples = QaData.Examples(reference, QaData.Lookups(20)).Select(e => new JobExample(e.Prompt, e.Answer)).ToList();
        }

        var outDir = Path.Combine(_dir, "out");
        var job = new TrainingJob
        {
            BaseModel = TestModels.Stories260K,
            OutputDirectory = outDir,
            Train = examples,
            Validation = examples.Take(4).ToList(),
            Options = new JobOptions { Epochs = 45, LearningRate = 5e-3f, WarmupSteps = 20, Patience = 0, Threads = 1 },
        };
        var jobPath = Path.Combine(_dir, "job.json");
        await File.WriteAllBytesAsync(jobPath, JsonSerializer.SerializeToUtf8Bytes(job, TrainingJob.Json));

        // First run: kill -9 once the third checkpoint is reported.
        using (var first = Start(jobPath))
        {
            string? line;
            while ((line = await first.StandardOutput.ReadLineAsync()) is not null)
            {
                var l = JsonDocument.Parse(line).RootElement;
                if (l.GetProperty("type").GetString() == "checkpoint" && l.GetProperty("epoch").GetInt32() >= 3)
                {
                    first.Kill(entireProcessTree: true);
                    break;
                }
            }

            await first.WaitForExitAsync();
            Assert.NotEqual(0, first.ExitCode);
        }

        Assert.False(File.Exists(Path.Combine(outDir, "model.gguf")));
        var sidecars = Directory.GetFiles(outDir, "model-epoch-*.json");
        Assert.InRange(sidecars.Length, 1, Checkpoints.KeepLast + 1); // the last two and the best epoch's
        var completed = sidecars.Max(f => int.Parse(Path.GetFileNameWithoutExtension(f)["model-epoch-".Length..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(completed, 3, 44);

        // Second run: resumes after the last complete checkpoint and runs the remaining epochs only.
        using var second = Start(jobPath);
        var lines = new List<JsonElement>();
        string? next;
        while ((next = await second.StandardOutput.ReadLineAsync()) is not null)
        {
            lines.Add(JsonDocument.Parse(next).RootElement.Clone());
        }

        await second.WaitForExitAsync();
        Assert.True(second.ExitCode == 0, string.Join("\n", lines.Select(l => l.ToString())) + await second.StandardError.ReadToEndAsync());
        var start = lines[0];
        Assert.Equal(completed, start.GetProperty("resumedFromEpoch").GetInt32());
        var epochs = lines.Where(l => l.GetProperty("type").GetString() == "epoch").Select(l => l.GetProperty("epoch").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(completed + 1, 45 - completed), epochs);
        Assert.Equal("done", lines[^1].GetProperty("type").GetString());
        var best = lines[^1].GetProperty("bestEpoch").GetInt32();
        string[] kept = [.. new[] { 44, 45, best }.Distinct().SelectMany(e => new[] { $"model-epoch-{e}.gguf", $"model-epoch-{e}.json" }), "model.gguf"];
        Assert.Equal(kept.Order(StringComparer.Ordinal), Directory.GetFiles(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        using var trained = new LlamaReference(Path.Combine(outDir, "model.gguf"));
        var exact = examples.Count(e => trained.Greedy(e.Prompt, e.Answer.Count + 1).SequenceEqual(e.Answer.Take(e.Answer.Count - 1)));
        output.WriteLine($"killed after {completed} epochs, resumed, {epochs.Count} more; exact {exact}/{examples.Count}; {lines[^1]}");
        Assert.True(exact >= 16, $"{exact}/{examples.Count} exact after the resumed run");
    }

    [Fact]
    public async Task Worker_Sigterm_StopsBetweenBatchesWithACancelledLine()
    {
        List<JobExample> examples;
        using (var reference = new LlamaReference(TestModels.Stories260K))
        {
            examples = QaData.Examples(reference, QaData.Lookups(20)).Select(e => new JobExample(e.Prompt, e.Answer)).ToList();
        }

        var jobPath = Path.Combine(_dir, "job.json");
        var job = new TrainingJob { BaseModel = TestModels.Stories260K, OutputDirectory = Path.Combine(_dir, "out"), Train = examples, Options = new JobOptions { Epochs = 1000, Threads = 1 } };
        await File.WriteAllBytesAsync(jobPath, JsonSerializer.SerializeToUtf8Bytes(job, TrainingJob.Json));

        using var worker = Start(jobPath);
        var lines = new List<string>();
        string? line;
        while ((line = await worker.StandardOutput.ReadLineAsync()) is not null)
        {
            lines.Add(line);
            if (line.Contains("\"type\":\"checkpoint\"", StringComparison.Ordinal) && lines.Count(l => l.Contains("checkpoint", StringComparison.Ordinal)) == 1)
            {
                using var kill = Process.Start("kill", ["-TERM", worker.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                await kill.WaitForExitAsync();
            }
        }

        await worker.WaitForExitAsync();
        Assert.Equal(3, worker.ExitCode);
        Assert.Equal("cancelled", JsonDocument.Parse(lines[^1]).RootElement.GetProperty("type").GetString());
        Assert.True(lines.Count(l => l.Contains("\"type\":\"epoch\"", StringComparison.Ordinal)) < 1000);
        Assert.False(File.Exists(Path.Combine(_dir, "out", "model.gguf")));
    }

    [Fact]
    public async Task Worker_MalformedJob_ReportsOneErrorLineAndExitsNonZero()
    {
        var jobPath = Path.Combine(_dir, "bad.json");
        await File.WriteAllTextAsync(jobPath, "{ \"baseModel\": 3 }");

        using var worker = Start(jobPath);
        var text = await worker.StandardOutput.ReadToEndAsync();
        await worker.WaitForExitAsync();

        Assert.Equal(1, worker.ExitCode);
        var line = JsonDocument.Parse(text.Trim()).RootElement;
        Assert.Equal("error", line.GetProperty("type").GetString());
        Assert.Contains("is not a valid training job", line.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static Process Start(string jobPath)
    {
        var dll = typeof(ScribeActors.Training.Worker.Checkpoints).Assembly.Location;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "exec", dll, "--job", jobPath })
        {
            info.ArgumentList.Add(a);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("The worker did not start.");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
