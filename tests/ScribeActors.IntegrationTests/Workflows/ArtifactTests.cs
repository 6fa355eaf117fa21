using System.Text;
using ScribeActors.Abstractions;
using ScribeActors.Browser;
using ScribeActors.Grains.Storage;
using ScribeActors.IntegrationTests.Infrastructure;

namespace ScribeActors.IntegrationTests.Workflows;

/// <summary>Observed DOMs and screenshots live in Blob storage by content hash, referenced from the step records.</summary>
[Trait("Suite", "Integration"), Trait("Needs", "Azurite,Chromium")]
public sealed class ArtifactTests
{
    [Fact]
    public async Task Run_WithScreenshots_StoresDomAndPngBlobsByContentHash()
    {
        Requirements.Chromium();
        await using var world = await DemoWorld.StartAsync(seed: 8);
        await using var silo = await TestSilo.StartAsync(extra: new Dictionary<string, string?> { ["Scribe:Workflow:CaptureScreenshots"] = "true" });
        var task = world.Tasks().OrderBy(t => t.Script.Count).First();
        var recording = await world.RecordAsync(silo.Service<IBrowserHost>(), task);

        var started = await silo.Client.StartAsync(world.Spec(task, recording));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var final = await silo.Client.WaitForCompletionAsync(started.Id, timeout.Token);
        Assert.Equal(WorkflowStatus.Succeeded, final.Status);

        var artifacts = silo.Service<IArtifactStore>();
        var step = final.Steps[0];
        var dom = await artifacts.GetAsync(step.ObservationRef!);
        Assert.NotNull(dom);
        Assert.Equal(step.ObservationRef, ArtifactReference.For("dom", dom));
        Assert.Contains("node=\"", Encoding.UTF8.GetString(dom));
        var png = await artifacts.GetAsync(step.ScreenshotRef!);
        Assert.NotNull(png);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.Null(await artifacts.GetAsync("dom/" + new string('0', 64)));
    }
}
