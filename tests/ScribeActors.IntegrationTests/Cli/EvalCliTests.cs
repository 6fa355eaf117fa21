using System.Text.Json;
using System.Xml.Linq;
using ScribeActors.IntegrationTests.Infrastructure;
using ScribeActors.Testing;

namespace ScribeActors.IntegrationTests.Cli;

/// <summary>`scribe eval` runs held-out instances through the whole runtime in its own process (silo, Chromium, the demo
/// sites, the real tiny GGUF) and judges each by the site's server check; the expert replay is the harness's ceiling.</summary>
[Trait("Suite", "Integration"), Trait("Needs", "Azurite,Chromium,Model")]
public sealed class EvalCliTests
{
    [Fact]
    public async Task Eval_TinyModelAgainstTheExpert_JudgesEachInstanceByTheServerCheck()
    {
        Requirements.Chromium();
        var output = Directory.CreateTempSubdirectory("scribe-eval-");
        try
        {
            var (code, stdout, stderr) = await CliRun.RunAsync(null, "eval", "--model", TestModels.Stories260K, "--expert",
                "--tasks", "expenses.approve-report", "--seeds", "201", "--max-steps", "3", "--out", output.FullName);
            Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");

            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output.FullName, "eval.json")));
            var models = json.RootElement.GetProperty("models").EnumerateArray().ToDictionary(m => m.GetProperty("model").GetString()!, m => m.GetProperty("succeeded").GetInt32());
            Assert.Equal(1, models["expert"]); // the recorded solution, replayed, passes the server check
            Assert.Equal(0, models["model"]); // a story model does not approve a report

            var instances = json.RootElement.GetProperty("instances").EnumerateArray().ToList();
            Assert.Equal(2, instances.Count);
            var model = instances.Single(i => i.GetProperty("model").GetString() == "model");
            Assert.Equal(201, model.GetProperty("seed").GetInt32());
            Assert.InRange(model.GetProperty("steps").GetInt32(), 1, 3);
            Assert.False(string.IsNullOrWhiteSpace(model.GetProperty("check").GetString()));
            var decided = model.GetProperty("decideMs").EnumerateArray().Select(d => d.GetDouble()).ToList();
            Assert.Equal(model.GetProperty("steps").GetInt32(), decided.Count);
            Assert.All(decided, d => Assert.True(d > 0, $"a model step takes time to decide: {string.Join(", ", decided)}"));
            var trace = model.GetProperty("trace").EnumerateArray().Select(t => t.GetString()!).ToList();
            Assert.Equal(model.GetProperty("steps").GetInt32(), trace.Count); // what each step did, one line each
            Assert.Matches(@"^1\. \S.*: \S", trace[0]); // number, what the step meant and did, outcome
            var modelSummary = json.RootElement.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("model").GetString() == "model");
            Assert.Equal(decided.Max(), modelSummary.GetProperty("decideMsP95").GetDouble());

            var markdown = await File.ReadAllTextAsync(Path.Combine(output.FullName, "eval.md"));
            Assert.Contains("| expenses.approve-report | 0/1 (0 %)", markdown, StringComparison.Ordinal);
            Assert.Contains("1/1 (100 %)", markdown, StringComparison.Ordinal);
            Assert.Contains("model · expenses.approve-report seed 201", markdown, StringComparison.Ordinal);
            Assert.Contains("<details><summary>steps</summary>", markdown, StringComparison.Ordinal);
            Assert.Contains(trace[0].Replace("|", "\\|", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal), markdown, StringComparison.Ordinal);
            Assert.Contains("| step decided in (p50 / p95) |", markdown, StringComparison.Ordinal);
            var svg = XDocument.Load(Path.Combine(output.FullName, "eval.svg"));
            Assert.Equal(2, svg.Descendants().Count(e => e.Name.LocalName == "rect" && e.Element(e.Name.Namespace + "title") is not null));
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Eval_Offline_ScoresTheHeldOutRecordsOfABuiltDatasetAsInProduction()
    {
        Requirements.Chromium();
        var root = Directory.CreateTempSubdirectory("scribe-eval-offline-");
        try
        {
            await using (var world = await DemoWorld.StartAsync(seed: 0))
            {
                var built = await CliRun.RunAsync(null, "dataset", "build", "--tasks", "expenses.approve-report", "--seeds", "0", "--sites-url", world.Sites.BaseUrl.ToString(), "--out", Path.Combine(root.FullName, "data"));
                Assert.True(built.Code == 0, built.Error);
            }

            var (code, stdout, stderr) = await CliRun.RunAsync(null, "eval", "--model", TestModels.Stories260K, "--data", Path.Combine(root.FullName, "data"),
                "--limit", "3", "--online", "false", "--out", Path.Combine(root.FullName, "report"));
            Assert.True(code == 0, $"exit {code}\n{stdout}\n{stderr}");

            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(root.FullName, "report", "eval.json")));
            var model = json.RootElement.GetProperty("models").EnumerateArray().Single();
            Assert.Equal(3, model.GetProperty("offlineSteps").GetInt32());
            var stepSuccess = model.GetProperty("offline").GetProperty("step success").GetDouble();
            var steps = json.RootElement.GetProperty("steps").EnumerateArray().ToList();
            Assert.Equal(["expenses.approve-report/0/1", "expenses.approve-report/0/2", "expenses.approve-report/0/3"], steps.Select(s => s.GetProperty("recordId").GetString()));
            Assert.Equal(steps.Count(s => s.GetProperty("success").GetBoolean()) / 3.0, stepSuccess, 6);
            Assert.All(steps, s => Assert.Matches(@"^\d+\.\nDescription: .+\nAction: \w+\nNode: ", s.GetProperty("gold").GetString()!));
            Assert.Contains("## Offline: held-out steps", await File.ReadAllTextAsync(Path.Combine(root.FullName, "report", "eval.md")), StringComparison.Ordinal);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Eval_DataThatIsNoDataset_ExitsTwoNamingIt()
    {
        var folder = Directory.CreateTempSubdirectory("scribe-eval-nodata-");
        try
        {
            var (code, _, error) = await CliRun.RunAsync(null, "eval", "--model", TestModels.Stories260K, "--data", folder.FullName, "--online", "false");
            Assert.Equal(2, code);
            Assert.Contains($"--data: {folder.FullName} holds no dataset.json", error, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("--tasks", "supplier.nope", "Unknown task 'supplier.nope'")]
    [InlineData("--seeds", "9-3", "runs backwards")]
    [InlineData("--seeds", "x", "'x' in the seed list 'x' is not a seed")]
    [InlineData("--baseline", "no-equals-sign", "must be LABEL=PATH")]
    [InlineData("--baseline", "expert=model.gguf", "'expert' are taken")]
    [InlineData("--max-steps", "0", "--max-steps must be at least 1")]
    public async Task Eval_BadInput_ExitsTwoNamingTheProblemBeforeStartingAnything(string option, string value, string expected)
    {
        var baselineFile = option == "--baseline" && value.Contains('=') ? TestModels.Stories260K : null;
        var arg = baselineFile is null ? value : $"{value.Split('=')[0]}={baselineFile}";
        var (code, _, error) = await CliRun.RunAsync(null, "eval", "--model", TestModels.Stories260K, option, arg, "--out", Path.Combine(Path.GetTempPath(), "scribe-eval-never"));
        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Path.GetTempPath(), "scribe-eval-never")), "nothing was written");
    }

    [Fact]
    public async Task Eval_TasksAll_IsEveryTaskAsForDatasetBuild()
    {
        // 'all' is taken as every task (so the next problem, the seeds, is the one reported), not as an unknown task id.
        var (code, _, error) = await CliRun.RunAsync(null, "eval", "--model", TestModels.Stories260K, "--tasks", "all", "--seeds", "9-3");
        Assert.Equal(2, code);
        Assert.DoesNotContain("Unknown task", error, StringComparison.Ordinal);
        Assert.Contains("runs backwards", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_MissingModelFile_ExitsTwoNamingThePath()
    {
        var (code, _, error) = await CliRun.RunAsync(null, "eval", "--model", "/no/such/model.gguf");
        Assert.Equal(2, code);
        Assert.Contains("--model: no model file at /no/such/model.gguf", error, StringComparison.Ordinal);
    }
}
