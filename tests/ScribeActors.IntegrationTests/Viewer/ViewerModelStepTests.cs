using Microsoft.Playwright;
using ScribeActors.Abstractions;
using ScribeActors.Browser;
using ScribeActors.IntegrationTests.Infrastructure;
using ScribeActors.Testing;

namespace ScribeActors.IntegrationTests.Viewer;

/// <summary>A model-driven run on its page in real Chromium: each step shows what its record holds about inference
/// (model, raw output exactly as written, token counts, latencies, the prompt as the model saw it), and the run's failure
/// shows with its reason. The real tiny GGUF writes stories, not web steps, so the run ends at its step limit. A run that
/// types a secret stores no prompt holding its value.</summary>
[Trait("Suite", "Integration"), Trait("Needs", "Azurite,Chromium,Model")]
public sealed class ViewerModelStepTests : IAsyncLifetime
{
    private const string SecretName = "VIEWER_PROMPT_PW";
    private const string SecretValue = "Pr0mpt-S3cret-7731";

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
            [$"Scribe:Secrets:{SecretName}:Value"] = SecretValue,
            [$"Scribe:Secrets:{SecretName}:AllowedHosts"] = _site.Host,
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
            Objective = "Press the eleven step buttons <b>now</b>",
            StartUrl = _site.Url("steps.html"),
            AllowedHosts = [_site.Host],
            MaxSteps = 3,
            StepSource = StepSourceSpec.ForModel(new ModelRef { ModelId = "tiny", Options = new ModelStepOptions { Temperature = 0.9f, Seed = 5 } }),
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var final = await _silo.Client.WaitForCompletionAsync(started.Id, timeout.Token);
        Assert.NotEmpty(final.Steps);
        Assert.Contains(final.Steps, s => s.Inference is not null);
        Assert.Equal(_site.Url("steps.html"), final.Steps[0].UrlBefore); // at least the first step saw the start page

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

            // The prompt, collapsed until opened, is the stored text exactly, markup in it shown as text.
            Assert.NotNull(step.PromptRef);
            var prompt = await PromptAsync(final.Id, step.Index);
            Assert.Contains("Press the eleven step buttons <b>now</b>", prompt, StringComparison.Ordinal);
            Assert.Contains(step.UrlBefore!, prompt, StringComparison.Ordinal); // the page the step was decided on (the model may have left the start page)
            if (step.UrlBefore == _site.Url("steps.html"))
            {
                Assert.Contains("Step 1", prompt, StringComparison.Ordinal); // the observed page, pruned and fitted
            }
            var box = shown.Locator("details.prompt-box");
            await Assertions.Expect(box.Locator("pre.prompt")).ToBeHiddenAsync();
            await box.Locator("summary").ClickAsync();
            await Assertions.Expect(box.Locator("pre.prompt")).ToHaveAttributeAsync("data-loaded", "yes");
            Assert.Equal(prompt, await box.Locator("pre.prompt").TextContentAsync());
            Assert.Equal(0, await box.Locator("pre.prompt b").CountAsync());
        }

        if (final.Status == WorkflowStatus.Failed)
        {
            await Assertions.Expect(page.Locator("#failure")).ToHaveTextAsync("Failed: " + final.FailureReason);
        }

        Directory.CreateDirectory(ViewerFixture.ArtefactFolder);
        await ViewerFixture.SaveAsync(page, "run-model");
    }

    [Fact]
    public async Task Prompt_RunThatTypesASecret_StoresNoPromptWithItsValue()
    {
        var placeholder = "{{secret:" + SecretName + "}}";
        var secret = await PromptsOfAsync(placeholder, "pw");
        Assert.NotEmpty(secret);
        Assert.All(secret, p => Assert.DoesNotContain(SecretValue, p, StringComparison.Ordinal));
        Assert.Contains(secret, p => p.Contains(placeholder, StringComparison.Ordinal)); // the typed step, by placeholder

        // Control: the same value typed as plain text reaches the next prompt, so the check above looks where it would be.
        var plain = await PromptsOfAsync(SecretValue, "user");
        Assert.Contains(plain, p => p.Contains(SecretValue, StringComparison.Ordinal));
    }

    /// <summary>The prompts of a replay that types <paramref name="text"/> into the field <paramref name="field"/> and
    /// then asks its fallback model, whose recorded target (a select) is not on the page.</summary>
    private async Task<List<string>> PromptsOfAsync(string text, string field)
    {
        var recording = new RecordedWorkflow
        {
            Objective = "Sign in and archive",
            StartUrl = _site.Url("login.html"),
            Steps =
            [
                new RecordedStep { Index = 1, Description = $"Type \"{text}\"", Action = StepActions.Type, Value = text,
                    Signature = new TargetSignature { Tag = "input", Label = field == "pw" ? "Password" : "User", Attributes = new() { ["id"] = field, ["name"] = field, ["type"] = field == "pw" ? "password" : "text" } } },
                new RecordedStep { Index = 2, Description = "Select \"2025\"", Action = StepActions.SelectOption, Value = "2025",
                    Signature = new TargetSignature { Tag = "select", Label = "Archive year", Attributes = new() { ["id"] = "archive-year" } } },
            ],
        };
        var started = await _silo.Client.StartAsync(new WorkflowSpec
        {
            Objective = recording.Objective,
            StartUrl = recording.StartUrl,
            AllowedHosts = [_site.Host],
            MaxSteps = 3,
            StepSource = StepSourceSpec.ForReplay(recording, new ModelRef { ModelId = "tiny", Options = new ModelStepOptions { Seed = 3 } }),
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var final = await _silo.Client.WaitForCompletionAsync(started.Id, timeout.Token);
        Assert.True(final.Steps[0].Outcome is { Succeeded: true }, $"the typing step: {final.Steps[0].Outcome?.Message} ({final.FailureReason})");
        var prompts = new List<string>();
        foreach (var step in final.Steps.Where(s => s.PromptRef is not null))
        {
            prompts.Add(await PromptAsync(final.Id, step.Index));
        }

        return prompts;
    }

    private async Task<string> PromptAsync(string workflowId, int index)
    {
        using var http = new HttpClient { BaseAddress = _silo.WebUrl };
        using var response = await http.GetAsync($"/api/workflows/{workflowId}/steps/{index}/prompt");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }
}
