using System.Security.Cryptography;
using System.Text.Json;
using ScribeActors.Inference.Gguf;
using ScribeActors.IntegrationTests.Infrastructure;
using ScribeActors.Testing;

namespace ScribeActors.IntegrationTests.Cli;

/// <summary>The model the project trained and ships (models/scribe-small): the file its card describes, and on held-out
/// task instances built fresh in Chromium it picks far more steps right than the untuned tiny model.</summary>
[Trait("Suite", "Integration"), Trait("Needs", "Chromium,Model")]
public sealed class BundledModelTests
{
    private static string Bundled => Path.Combine(SiloProcess.RepoRoot(), "models", "scribe-small", "scribe-small-q8_0.gguf");

    [Fact]
    public void BundledModel_IsTheFileItsCardDescribes()
    {
        var card = File.ReadAllText(Path.Combine(SiloProcess.RepoRoot(), "models", "scribe-small", "README.md"));
        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Bundled)));
        Assert.Contains($"`{sha}`", card, StringComparison.Ordinal);

        var file = GgufReader.Read(Bundled, loadTensorData: false);
        Assert.Equal("llama", file.Get("general.architecture").AsString());
        Assert.Equal(1024, file.Get("llama.context_length").AsInt64());
        Assert.Equal(2048, file.Get("tokenizer.ggml.tokens").AsArray<string>().Length);
        Assert.Equal(GgmlType.Q8_0, file.Tensor("blk.0.attn_q.weight").Type);
        Assert.InRange(new FileInfo(Bundled).Length, 1, 4L * 1024 * 1024); // the size budget the card states
    }

    [Fact]
    public async Task BundledModel_HeldOutInstances_FarMoreStepsRightThanTheUntunedModel()
    {
        Requirements.Chromium();
        var root = Directory.CreateTempSubdirectory("scribe-bundled-");
        try
        {
            // Seeds 300 and 310 (test split: ending in 0) were never built for training (0-99).
            await using (var world = await DemoWorld.StartAsync(seed: 300))
            {
                var built = await CliRun.RunAsync(null, "dataset", "build", "--tasks", "expenses.reject-report,supplier.download-invoice", "--seeds", "300,310",
                    "--sites-url", world.Sites.BaseUrl.ToString(), "--out", Path.Combine(root.FullName, "data"));
                Assert.True(built.Code == 0, built.Error);
            }

            // 26 steps decoded by two models: about 30 s here alone, several times that on a loaded CI machine.
            var (code, stdout, stderr) = await CliRun.RunAsync(null, TimeSpan.FromMinutes(5), "eval", "--model", Bundled, "--baseline", $"stories260K={TestModels.Stories260K}",
                "--data", Path.Combine(root.FullName, "data"), "--online", "false", "--out", Path.Combine(root.FullName, "report"));
            Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");

            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(root.FullName, "report", "eval.json")));
            var success = json.RootElement.GetProperty("models").EnumerateArray().ToDictionary(
                m => m.GetProperty("model").GetString()!, m => m.GetProperty("offline").GetProperty("step success").GetDouble());
            Assert.True(success["model"] >= 0.3, $"the bundled model's step success on held-out steps is {success["model"]:P1} (47 % on the full test split)");
            Assert.True(success["model"] >= 2 * success["stories260K"], $"bundled {success["model"]:P1} vs untuned {success["stories260K"]:P1}");
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
