using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using ScribeActors.Abstractions;
using ScribeActors.Agent;
using ScribeActors.Grains.Tests.Fakes;
using ScribeActors.Inference;
using ScribeActors.Testing;

namespace ScribeActors.Grains.Tests.Inference;

/// <summary>Inference grains with the real tiny GGUF: GPU pinning, loads, failures. The model knows nothing of the web:
/// these prove mechanics (placement, loading, grammar-valid steps), not quality. Tests of one gpu silo share a
/// <see cref="ModelCluster"/>; those of other silo layouts or model files start their own.</summary>
[Trait("Suite", "Cluster")]
public sealed class InferenceGrainTests(ModelCluster shared) : SharedClusterTests<ModelCluster>(shared)
{
    internal const string Page = """
        <html node="9"><head node="8"><title node="7">Invoices</title></head><body node="6">
        <form node="5"><label node="4">Invoice number</label><input node="3" name="q" type="text" placeholder="Invoice number"/>
        <button node="2" type="submit">Search</button></form><a node="1" href="/help">Help</a><p node="0">Welcome back.</p></body></html>
        """;

    internal static Dictionary<string, string?> ModelSettings(string id, string path) => new()
    {
        [$"Scribe:Models:{id}:Path"] = path,
        [$"Scribe:Models:{id}:ContextSize"] = "2048",
        [$"Scribe:Models:{id}:Sequences"] = "8",
        [$"Scribe:Models:{id}:Threads"] = "2",
    };

    internal static NextStepRequest Request(int seed = 1) => new()
    {
        Objective = "Find invoice 4471",
        Url = "http://portal.test/invoices",
        Dom = Page,
        Options = new ModelStepOptions { Temperature = 1.0f, Seed = seed },
    };

    [Fact]
    public async Task InferenceGrain_TwoSilosOnlyOneWithGpu_ActivatesAndLoadsOnlyThere()
    {
        var settings = ModelSettings("tiny", TestModels.Stories260K);
        foreach (var (k, v) in ModelSettings("tiny-b", TestModels.Stories260K))
        {
            settings[k] = v;
        }

        await using var h = await FakeCluster.StartAsync(null, settings, ["browser", "inference"], ["inference", "gpu"]);
        var gpuSilo = h.Cluster.Silos[1].SiloAddress.ToString();
        var hosts = new HashSet<string>();
        foreach (var id in new[] { "tiny", "tiny-b" })
        {
            for (var i = 0; i < 3; i++)
            {
                var result = await h.Grains.GetGrain<IInferenceGrain>(id).NextStepAsync(Request(seed: i));
                Assert.True(result.Succeeded, result.Error);
                hosts.Add(result.Inference.Silo!);
                var step = result.Step!;
                Assert.True(step.Node is null || new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }.Contains(step.Node.Value), step.Render());

                // The step arrives with what it means for the browser, mapped where it was validated.
                Assert.Equal(ActionMapper.Map(step.Action, step.Node, step.Description, null, step.Target), result.Mapping);
            }

            var status = await h.Grains.GetGrain<IInferenceGrain>(id).GetStatusAsync();
            Assert.Equal(ModelReadiness.Ready, status.Readiness);
            Assert.Equal(gpuSilo, status.Silo);
        }

        Assert.Equal([gpuSilo], hosts);
        Assert.Empty(HostOf(h.Cluster.Silos[0]).LoadedModelIds);
        Assert.Equal(["tiny", "tiny-b"], HostOf(h.Cluster.Silos[1]).LoadedModelIds.Order());
    }

    [Fact]
    public async Task InferenceGrain_NoSiloWithTheModelsRole_FailsPlacementNamingTheRoles()
    {
        await using var h = await FakeCluster.StartAsync(null, ModelSettings("tiny", TestModels.Stories260K), ["browser", "inference"]);
        var e = await Assert.ThrowsAnyAsync<Exception>(() => h.Grains.GetGrain<IInferenceGrain>("tiny").GetStatusAsync());
        Assert.Contains("gpu", e.Message, StringComparison.Ordinal);
        Assert.Empty(HostOf(h.Cluster.Silos[0]).LoadedModelIds);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("truncated")]
    [InlineData("not-gguf")]
    public async Task InferenceGrain_BadModelFile_ResultNamesTheProblemAndTheSiloStaysUp(string kind)
    {
        var dir = Directory.CreateTempSubdirectory("scribe-badmodel-");
        try
        {
            var path = Path.Combine(dir.FullName, "model.gguf");
            switch (kind)
            {
                case "truncated":
                    var bytes = await File.ReadAllBytesAsync(TestModels.Stories260K);
                    await File.WriteAllBytesAsync(path, bytes[..(bytes.Length / 3)]);
                    break;
                case "not-gguf":
                    await File.WriteAllTextAsync(path, "this is not a model");
                    break;
            }

            var settings = ModelSettings("bad", path);
            foreach (var (k, v) in ModelSettings("good", TestModels.Stories260K))
            {
                settings[k] = v;
            }

            await using var h = await FakeCluster.StartAsync(null, settings, ["browser", "inference", "gpu"]);
            var result = await h.Grains.GetGrain<IInferenceGrain>("bad").NextStepAsync(Request());
            Assert.False(result.Succeeded);
            Assert.Contains("bad", result.Error, StringComparison.Ordinal);
            Assert.Contains(path, result.Error, StringComparison.Ordinal);
            var status = await h.Grains.GetGrain<IInferenceGrain>("bad").GetStatusAsync();
            Assert.Equal(ModelReadiness.Failed, status.Readiness);

            // The silo serves the good model afterwards.
            var good = await h.Grains.GetGrain<IInferenceGrain>("good").NextStepAsync(Request());
            Assert.True(good.Succeeded, good.Error);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task InferenceGrain_HistoryFillsTheContext_FailsWithTheTokenArithmetic()
    {
        var request = Request() with { Objective = string.Join(' ', Enumerable.Repeat("find the invoice and then dispute it", 400)) };
        var result = await Shared.Grains.GetGrain<IInferenceGrain>("tiny").NextStepAsync(request);
        Assert.False(result.Succeeded);
        Assert.Contains("2048-token context", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InferenceGrain_CancelledMidGeneration_ThrowsToThatCallerAndServesTheNext()
    {
        var grain = Shared.Grains.GetGrain<IInferenceGrain>("tiny");
        Assert.True((await grain.NextStepAsync(Request())).Succeeded); // loaded
        using var cts = new CancellationTokenSource();
        var slow = grain.NextStepAsync(Request(seed: 3), cts.Token);
        cts.CancelAfter(TimeSpan.FromMilliseconds(5));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slow);
        Assert.True((await grain.NextStepAsync(Request(seed: 7))).Succeeded);
    }

    internal static ModelHost HostOf(SiloHandle silo) =>
        ((InProcessSiloHandle)silo).SiloHost.Services.GetRequiredService<ModelHost>();
}
