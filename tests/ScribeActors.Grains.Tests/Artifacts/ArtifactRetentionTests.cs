using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ScribeActors.Grains.Storage;
using ScribeActors.Grains.Workflows;

namespace ScribeActors.Grains.Tests.Artifacts;

/// <summary>Screenshots are deleted once stored longer ago than the retention; DOM captures stay; zero keeps all.</summary>
[Trait("Suite", "Unit")]
public sealed class ArtifactRetentionTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Sweep_DeletesScreenshotsStoredBeforeTheRetentionKeepsNewerOnesAndDoms()
    {
        var store = new InMemoryArtifactStore(_time);
        var retention = Retention(store, TimeSpan.FromDays(7));
        var first = await store.PutAsync("png", "first"u8.ToArray());
        var shared = await store.PutAsync("png", "shared"u8.ToArray());
        var dom = await store.PutAsync("dom", "<html/>"u8.ToArray());
        _time.Advance(TimeSpan.FromDays(5));
        await store.PutAsync("png", "shared"u8.ToArray()); // a later step shows the same screen
        var later = await store.PutAsync("png", "later"u8.ToArray());

        _time.Advance(TimeSpan.FromDays(3)); // 8 days after the first screenshots, 3 after the later ones
        Assert.Equal(1, await retention.SweepOnceAsync());

        Assert.Null(await store.GetAsync(first));
        Assert.NotNull(await store.GetAsync(shared));
        Assert.NotNull(await store.GetAsync(later));
        Assert.NotNull(await store.GetAsync(dom));

        _time.Advance(TimeSpan.FromDays(30));
        Assert.Equal(2, await retention.SweepOnceAsync());
        Assert.NotNull(await store.GetAsync(dom));
    }

    [Fact]
    public async Task Sweep_RetentionZero_KeepsEverything()
    {
        var store = new InMemoryArtifactStore(_time);
        var shot = await store.PutAsync("png", "shot"u8.ToArray());
        _time.Advance(TimeSpan.FromDays(3650));

        Assert.Equal(0, await Retention(store, TimeSpan.Zero).SweepOnceAsync());
        Assert.NotNull(await store.GetAsync(shot));
    }

    private ArtifactRetention Retention(IArtifactStore store, TimeSpan retention) =>
        new(store, Options.Create(new WorkflowOptions { ScreenshotRetention = retention }), _time, NullLogger<ArtifactRetention>.Instance);
}
