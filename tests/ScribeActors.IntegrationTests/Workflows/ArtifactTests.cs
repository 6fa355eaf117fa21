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
    public async Task Run_ByDefault_StoresDomAndPngBlobsByContentHash()
    {
        // Screenshots are on by default (the viewer shows them); only a page showing a typed secret gets none.
        Requirements.Chromium();
        await using var world = await DemoWorld.StartAsync(seed: 8);
        await using var silo = await TestSilo.StartAsync();
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

    [Fact]
    public async Task BlobStore_DeleteOlderThan_GoesByTheLastTimeTheContentWasStoredAndKeepsOtherKinds()
    {
        await Requirements.AzuriteAsync();
        var store = new BlobArtifactStore(new Azure.Storage.Blobs.BlobServiceClient(Requirements.AzuriteConnectionString), "retention-" + Guid.NewGuid().ToString("N")[..12]);
        var old = await store.PutAsync("png", "old screenshot"u8.ToArray());
        var again = await store.PutAsync("png", "screenshot stored again"u8.ToArray());
        var dom = await store.PutAsync("dom", "<html></html>"u8.ToArray());
        var between = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // blob times have whole seconds: the second store must be later
        Assert.Equal(again, await store.PutAsync("png", "screenshot stored again"u8.ToArray()));

        Assert.Equal(0, await store.DeleteOlderThanAsync("png", between.AddMinutes(-5)));
        Assert.Equal(1, await store.DeleteOlderThanAsync("png", between.AddMilliseconds(500)));

        Assert.Null(await store.GetAsync(old));
        Assert.NotNull(await store.GetAsync(again)); // a step stored it after the cutoff
        Assert.NotNull(await store.GetAsync(dom));
        Assert.Equal(0, await store.DeleteOlderThanAsync("dom", between.AddMinutes(-5)));
    }
}
