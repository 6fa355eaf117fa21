using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ScribeActors.Abstractions;
using ScribeActors.Agent;
using ScribeActors.Agent.Planning;
using ScribeActors.Agent.Recording;
using ScribeActors.Browser;
using ScribeActors.Grains.Inference;
using ScribeActors.Inference;
using ScribeActors.IntegrationTests.Infrastructure;
using ScribeActors.Testing;
using Xunit.Abstractions;

namespace ScribeActors.IntegrationTests.Agent;

/// <summary>
/// Grammar-constrained generation with the real tiny GGUF over real observations of the demo sites (Chromium, every
/// page of every task's expert solution): every sample is a parseable step whose node is on the page shown and which
/// the browser layer can perform. The model knows nothing of the web, so this proves the grammar, not the agent.
/// </summary>
[Trait("Suite", "Integration"), Trait("Needs", "Chromium,Model")]
public sealed class GrammarOnDemoPagesTests(ITestOutputHelper output)
{
    private const int SeedsPerPage = 4;
    private const int Context = 768;

    [Fact]
    public async Task Generate_EveryDemoPageManySeeds_ZeroInvalidSteps()
    {
        Requirements.Chromium();
        var pages = await ObserveDemoPagesAsync();
        Assert.True(pages.Count >= 20, $"only {pages.Count} pages observed");

        await using var model = await LlamaModel.LoadAsync("tiny", new ModelOptions { Path = TestModels.Stories260K, ContextSize = Context, Sequences = 4, Threads = 2, UnifiedKvCache = false });
        var generator = new LoadedModelGenerator(model);
        var samples = pages.SelectMany(page => Enumerable.Range(0, SeedsPerPage).Select(seed => (page, seed))).ToList();
        var invalid = new List<string>();
        var truncated = 0;
        var timings = new List<PlannedStep>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var batch in samples.Chunk(4))
        {
            var planned = await Task.WhenAll(batch.Select(s => Task.Run(() => ModelStepPlanner.PlanAsync(
                new PlanRequest(s.page.Objective, s.page.Observation.Url, s.page.Observation.Dom, [], new PlanSettings(Temperature: 1.0f, Seed: s.seed, MaxInvalidRetries: 0)),
                generator,
                CancellationToken.None))));
            foreach (var (result, (page, seed)) in planned.Zip(batch))
            {
                truncated += result.Truncated ? 1 : 0;
                timings.Add(result);
                if (result.Step is not { } step)
                {
                    invalid.Add($"{page.Observation.Url} seed {seed}: {result.Error} | raw: {result.RawOutput}");
                    continue;
                }

                if (step.Node is { } node && !page.Dom.Contains(node))
                {
                    invalid.Add($"{page.Observation.Url} seed {seed}: node {node} is not on the page");
                }

                var mapping = ActionMapper.Map(step.Action, step.Node, step.Description, null, step.Target);
                if (!mapping.Succeeded)
                {
                    invalid.Add($"{page.Observation.Url} seed {seed}: cannot be performed: {mapping.Error}");
                }

                if (result.PromptTokens + 160 > Context)
                {
                    invalid.Add($"{page.Observation.Url} seed {seed}: prompt of {result.PromptTokens} tokens overflows the context");
                }
            }
        }

        output.WriteLine($"means ms: prune {timings.Average(t => t.Prune.TotalMilliseconds):F1}, fit {timings.Average(t => t.Fit.TotalMilliseconds):F1}, queue {timings.Average(t => t.Queue.TotalMilliseconds):F1}, prefill {timings.Average(t => t.Prefill.TotalMilliseconds):F1}, decode {timings.Average(t => t.Decode.TotalMilliseconds):F1}; prompt tokens {timings.Average(t => t.PromptTokens):F0}, output tokens {timings.Average(t => t.OutputTokens):F0}");
        output.WriteLine($"{samples.Count} samples over {pages.Count} observed pages in {clock.Elapsed.TotalSeconds:F1} s; {truncated} with the page cut to fit; {invalid.Count} invalid");
        Assert.True(samples.Count >= 200, $"only {samples.Count} samples");
        Assert.True(invalid.Count == 0, string.Join(Environment.NewLine, invalid.Take(10)));
    }

    private static async Task<List<ObservedPage>> ObserveDemoPagesAsync()
    {
        await using var world = await DemoWorld.StartAsync(seed: 2);
        await using var browsers = DemoSecrets.BrowserHost();
        var pages = new List<ObservedPage>();
        foreach (var task in world.Tasks())
        {
            await world.Client.ResetAsync(world.Seed);
            await using var session = await browsers.OpenSessionAsync(new BrowserSessionOptions { AllowedHosts = [world.Host], Url = task.StartUrl });
            var observing = new ObservingBrowser(session, observed: (_, observation) => pages.Add(new ObservedPage(task.Objective, observation, DomIndex.Parse(observation.Dom))));
            await WorkflowRecorder.RecordAsync(observing, task.Objective, task.StartUrl, task.Script, "test:grammar");
        }

        return pages;
    }

    private sealed record ObservedPage(string Objective, Observation Observation, DomIndex Dom);
}
