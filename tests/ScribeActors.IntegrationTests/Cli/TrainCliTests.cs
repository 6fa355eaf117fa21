using System.Text.Json;
using ScribeActors.Inference.Gguf;
using ScribeActors.IntegrationTests.Infrastructure;
using ScribeActors.Testing;

namespace ScribeActors.IntegrationTests.Cli;

/// <summary>`scribe train` end to end: a dataset built by the real CLI in Chromium becomes a new model trained by the
/// worker process; the result is a GGUF llama.cpp loads, at the context it was trained for, with the report beside it.</summary>
[Trait("Suite", "Integration"), Trait("Needs", "Chromium,Model")]
public sealed class TrainCliTests
{
    [Fact]
    public async Task Train_TinyDataset_WritesAModelTheRuntimeLoadsAndAReportWhoseLossFalls()
    {
        Requirements.Chromium();
        var root = Directory.CreateTempSubdirectory("scribe-train-");
        try
        {
            var data = Path.Combine(root.FullName, "data");
            await using (var world = await DemoWorld.StartAsync(seed: 1))
            {
                var built = await CliRun.RunAsync(null, "dataset", "build", "--tasks", "expenses.approve-report", "--seeds", "1-3", "--sites-url", world.Sites.BaseUrl.ToString(), "--out", data);
                Assert.True(built.Code == 0, built.Error);
            }

            var model = Path.Combine(root.FullName, "tiny.gguf");
            var (code, stdout, stderr) = await CliRun.RunAsync(null, "train", "--data", data, "--out", model,
                "--epochs", "3", "--embd", "32", "--layers", "1", "--heads", "2", "--ff", "64", "--vocab", "400", "--context", "1024", "--lr", "0.005", "--threads", "1");
            Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");
            var examples = System.Text.RegularExpressions.Regex.Match(stdout, @"Examples +(\d+) train, (\d+) validation; (\d+) records cut");
            Assert.True(examples.Success, stdout);
            Assert.Equal(18, int.Parse(examples.Groups[1].Value) + int.Parse(examples.Groups[2].Value) + int.Parse(examples.Groups[3].Value)); // 3 instances × 6 steps
            Assert.InRange(int.Parse(examples.Groups[1].Value), 1, 12); // records whose gold element a 1024-token context cannot show are cut, and counted

            var file = GgufReader.Read(model, loadTensorData: false);
            Assert.Equal("llama", file.Get("general.architecture").AsString());
            Assert.Equal(1024, file.Get("llama.context_length").AsInt64());
            Assert.Contains("<|im_start|>", file.Get("tokenizer.ggml.tokens").AsArray<string>());

            using var report = JsonDocument.Parse(await File.ReadAllTextAsync(model + ".train/train.json"));
            var losses = report.RootElement.GetProperty("epochs").EnumerateArray().Select(e => e.GetProperty("loss").GetDouble()).ToList();
            Assert.Equal(3, losses.Count);
            Assert.True(losses[^1] < losses[0], $"training loss should fall: {string.Join(", ", losses)}");
            Assert.True(File.Exists(model + ".train/loss.svg"));

            // Every epoch's checkpoint was scored on the validation split (seed 1: 6 steps), decoded as in production.
            Assert.Equal(6, int.Parse(examples.Groups[2].Value) + report.RootElement.GetProperty("cut").EnumerateArray().Count(c => c.GetProperty("record").GetString()!.Contains("/1/", StringComparison.Ordinal)));
            foreach (var epoch in report.RootElement.GetProperty("epochs").EnumerateArray())
            {
                var validation = epoch.GetProperty("validation");
                Assert.Equal(6, validation.GetProperty("steps").GetInt32());
                Assert.InRange(validation.GetProperty("stepSuccessRate").GetDouble(), 0, 1);
            }

            Assert.Contains("validation step success", stdout, StringComparison.Ordinal);
            Assert.StartsWith("<svg", await File.ReadAllTextAsync(model + ".train/steps.svg"), StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(model + ".train/evaluated")); // the copies scored are gone

            // The runtime loads it as a model named by its file, at its trained context.
            await using var loaded = await Inference.LlamaModel.LoadAsync("tiny", Inference.ModelOptions.ForFile(model));
            Assert.Equal(1024, loaded.ContextSize);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("--embd", "50", "EmbeddingLength (n_embd) 50 is not a positive multiple of 32")]
    [InlineData("--layers", "20", "outside 1 to 16")]
    public async Task Train_ConfigTheModelCannotHave_ExitsTwoNamingTheRule(string option, string value, string expected)
    {
        var data = await TinyDatasetFolderAsync();
        try
        {
            var (code, _, error) = await CliRun.RunAsync(null, "train", "--data", data, "--out", Path.Combine(data, "m.gguf"), option, value);
            Assert.Equal(2, code);
            Assert.Contains(expected, error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Train_DataThatIsNoDataset_ExitsTwoNamingIt()
    {
        var folder = Directory.CreateTempSubdirectory("scribe-train-nodata-");
        try
        {
            var (code, _, error) = await CliRun.RunAsync(null, "train", "--data", folder.FullName, "--out", Path.Combine(folder.FullName, "m.gguf"));
            Assert.Equal(2, code);
            Assert.Contains($"--data: {folder.FullName} holds no dataset.json", error, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Train_BaseThatIsNotALlamaGguf_ExitsTwoNamingIt()
    {
        var data = await TinyDatasetFolderAsync();
        var notModel = Path.Combine(data, "base.gguf");
        await File.WriteAllTextAsync(notModel, "not a model");
        try
        {
            var (code, _, error) = await CliRun.RunAsync(null, "train", "--data", data, "--out", Path.Combine(data, "m.gguf"), "--from", notModel);
            Assert.Equal(2, code);
            Assert.Contains($"--from: {notModel} cannot be a base model", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>A dataset folder written directly (no browser): enough for the checks that come before training.</summary>
    private static async Task<string> TinyDatasetFolderAsync()
    {
        var folder = Directory.CreateTempSubdirectory("scribe-train-bad-").FullName;
        await using var world = await DemoWorld.StartAsync(seed: 2);
        Requirements.Chromium();
        var built = await CliRun.RunAsync(null, "dataset", "build", "--tasks", "expenses.approve-report", "--seeds", "2", "--sites-url", world.Sites.BaseUrl.ToString(), "--out", folder);
        Assert.True(built.Code == 0, built.Error);
        return folder;
    }
}
