using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ScribeActors.Abstractions;
using ScribeActors.Grains.Storage;
using ScribeActors.Grains.Tests.Fakes;
using ScribeActors.Grains.Workflows;
using ScribeActors.Testing;

namespace ScribeActors.Grains.Tests.Artifacts;

/// <summary>Screenshots are deleted once stored longer ago than their retention; DOMs and prompts only under the
/// observation retention, and never one a workflow that has not ended may read back; zero or unset keeps all.</summary>
[Trait("Suite", "Cluster")]
public sealed class ArtifactRetentionTests(SharedCluster shared) : SharedClusterTests(shared)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Sweep_DeletesScreenshotsStoredBeforeTheRetentionKeepsNewerOnesAndDoms()
    {
        var store = new InMemoryArtifactStore(_time);
        var retention = Retention(store, new WorkflowOptions { ScreenshotRetention = TimeSpan.FromDays(7) });
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
        Assert.NotNull(await store.GetAsync(dom)); // no observation retention set: DOMs stay
    }

    [Fact]
    public async Task Sweep_RetentionZero_KeepsEverything()
    {
        var store = new InMemoryArtifactStore(_time);
        var shot = await store.PutAsync("png", "shot"u8.ToArray());
        _time.Advance(TimeSpan.FromDays(3650));

        Assert.Equal(0, await Retention(store, new WorkflowOptions { ScreenshotRetention = TimeSpan.Zero }).SweepOnceAsync());
        Assert.NotNull(await store.GetAsync(shot));
    }

    [Fact]
    public async Task Sweep_ObservationRetention_DeletesOnlyDomsNoWorkflowThatHasNotEndedCanNeed()
    {
        var h = Shared;
        var orphanPrompt = await h.Artifacts.PutAsync(ArtifactRetention.PromptKind, "an old prompt"u8.ToArray());
        var ended = await h.Client.StartAsync(FakeWeb.Spec(amount: "111"));
        Assert.Equal(WorkflowStatus.Succeeded, (await h.WaitAsync(ended.Id)).Status);
        h.Web.Reset(); // the fake site remembers the submission; the next run starts on a fresh form
        var paused = await PausedAfterTwoStepsAsync(h, "222");

        // A month on, with a week's retention: everything was stored long enough ago, but the paused run may resume and
        // read its pages back (recovery), so nothing it stored may go; the ended run's other pages go.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(30));
        var retention = new ArtifactRetention(h.Artifacts, h.Grains,
            Options.Create(new WorkflowOptions { ScreenshotRetention = TimeSpan.Zero, ObservationRetention = TimeSpan.FromDays(7) }), clock, NullLogger<ArtifactRetention>.Instance);
        var endedRefs = Refs(await h.Client.GetAsync(ended.Id));
        var pausedRefs = Refs(await h.Client.GetAsync(paused.Id));
        var onlyEnded = endedRefs.Except(pausedRefs).ToArray();
        Assert.NotEmpty(onlyEnded);
        Assert.NotEmpty(pausedRefs);

        await retention.SweepOnceAsync();

        Assert.Equal(pausedRefs.Length, await PresentAsync(h, pausedRefs));
        Assert.Equal(0, await PresentAsync(h, onlyEnded));
        Assert.Null(await h.Artifacts.GetAsync(orphanPrompt));

        // Once that run has ended too, its pages are past the retention like any other.
        await h.Client.CancelAsync(paused.Id);
        await h.EventuallyAsync(async () => (await h.Client.ListAsync()).Single(w => w.Id == paused.Id).Status == WorkflowStatus.Cancelled, "the index lists the cancelled run");
        await retention.SweepOnceAsync();
        Assert.Equal(0, await PresentAsync(h, pausedRefs));
    }

    private static async Task<int> PresentAsync(FakeCluster h, IEnumerable<string> references)
    {
        var present = 0;
        foreach (var reference in references)
        {
            present += await h.Artifacts.GetAsync(reference) is null ? 0 : 1;
        }

        return present;
    }

    private static string[] Refs(WorkflowSnapshot run) => [.. run.Steps.Select(s => s.ObservationRef).OfType<string>().Distinct()];

    /// <summary>A run paused while its submit click was in flight, its step loop stopped: it has stored its pages.</summary>
    private static async Task<WorkflowSnapshot> PausedAfterTwoStepsAsync(FakeCluster h, string amount)
    {
        var gate = new TaskCompletionSource();
        h.Web.BeforeSubmit = async ct =>
        {
            await gate.Task.WaitAsync(ct);
            return true;
        };
        var started = await h.Client.StartAsync(FakeWeb.Spec(amount: amount));
        await Eventually.ValueAsync(
            () => h.Client.GetAsync(started.Id),
            w => w.Steps.Any(s => s.Phase == StepPhase.Acting && s.Index == 2),
            "the submit click is in flight",
            describe: w => $"{w.Status} {w.FailureReason}: " + string.Join("; ", w.Steps.Select(s => $"{s.Index} {s.Phase} {s.Action?.Kind} {s.Outcome?.Message}")));
        var paused = await h.Client.PauseAsync(started.Id);
        gate.SetResult();
        return await Eventually.ValueAsync(
            () => h.Client.GetAsync(started.Id),
            w => w.Version > paused.Version && w.Status == WorkflowStatus.Paused,
            "the step loop stopped for the pause and wrote the outcome of the step in flight");
    }

    private ArtifactRetention Retention(IArtifactStore store, WorkflowOptions options) =>
        new(store, Shared.Grains, Options.Create(options), _time, NullLogger<ArtifactRetention>.Instance);
}
