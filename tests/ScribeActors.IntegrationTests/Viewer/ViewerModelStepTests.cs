using Microsoft.Playwright;
using ScribeActors.Abstractions;
using ScribeActors.Browser;
using ScribeActors.IntegrationTests.Infrastructure;
using ScribeActors.Testing;

namespace ScribeActors.IntegrationTests.Viewer;

/// <summary>A model-driven run on its page in real Chromium: each step shows what its record holds about inference
/// (model, raw output exactly as written, token counts, latencies), and the run's failure shows with its reason. The
/// real tiny GGUF writes stories, not web steps, so the run ends at its step limit.</summary>
[Trait("Suite", "Integration"), Trait("Needs", "Azurite,Chromium,Model")]
public sealed class ViewerModelStepTests : IAsyncLifetime
{
    private TestSilo _silo = null!;
    private StaticSite _site = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        Requirements.Chromium();
        var model = TestModels.Stories260K;
        _site = await StaticSite.StartAsync("viewer");
        _silo = await TestSilo.StartAsync(extra: new Dictionary<string, string?>
        {
            ["Scribe:Models:tiny:Path"] = model,
            ["Scribe:Models:tiny:ContextSize"] = "2048",
            ["Scribe:Models:tiny:Sequences"] = "2",
            ["Scribe:Models:tiny:Threads"] = "2",
            ["Scribe:Workflow:MaxModelActionFailures"] = "50",
        });
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = new BrowserOptions().ExecutablePath, Headless = true, Timeout = 60_000 });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _silo.DisposeAsync();
        await _site.DisposeAsync();
    }

    [Fact]
    public async Task RunPage_ModelRun_ShowsEachStepsInferenceAndTheFailureReason()
    {
        var started = await _silo.Client.StartAsync(new WorkflowSpec
        {
            Objective = "Press the eleven step buttons",
            StartUrl = _site.Url("steps.html"),
            AllowedHosts = [_site.Host],
            MaxSteps = 3,
            StepSource = StepSourceSpec.ForModel(new ModelRef { ModelId = "tiny", Options = new ModelStepOptions { Temperature = 0.9f, Seed = 5 } }),
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var final = await _silo.Client.WaitForCompletionAsync(started.Id, timeout.Token);
        Assert.NotEmpty(final.Steps);

        var page = await _browser.NewPageAsync();
        await page.GotoAsync(new Uri(_silo.WebUrl, $"/viewer/runs/{final.Id}").ToString());
        await Assertions.Expect(page.Locator("#steps > li.step")).ToHaveCountAsync(final.Steps.Length);
        await Assertions.Expect(page.Locator("#run-header dd").Nth(3)).ToContainTextAsync("model tiny");
        foreach (var step in final.Steps.Where(s => s.Inference is not null))
        {
            var shown = page.Locator($"#step-{step.Index} .inference");
            var inference = step.Inference!;
            Assert.Equal(inference.RawOutput, await shown.Locator("pre.raw-output").TextContentAsync());
            await Assertions.Expect(shown.Locator("dd").Nth(0)).ToContainTextAsync("tiny");
            await Assertions.Expect(shown.Locator("dd").Nth(1)).ToContainTextAsync($"{inference.PromptTokens} prompt");
            await Assertions.Expect(shown.Locator("dd").Nth(1)).ToContainTextAsync($"{inference.OutputTokens} output");
            await Assertions.Expect(shown.Locator("dd").Nth(2)).ToContainTextAsync("decode");
        }

        if (final.Status == WorkflowStatus.Failed)
        {
            await Assertions.Expect(page.Locator("#failure")).ToHaveTextAsync("Failed: " + final.FailureReason);
        }

        Directory.CreateDirectory(ViewerFixture.ArtefactFolder);
        await ViewerFixture.SaveAsync(page, "run-model");
    }
}
