using ScribeActors.Abstractions;
using ScribeActors.Testing;

namespace ScribeActors.Grains.Tests.Fakes;

/// <summary>
/// One <see cref="FakeCluster"/> with the default configuration (system clock, default settings, memory storage, one
/// browser silo), started once for the tests of a class (see <see cref="SharedClusterTests"/>). A configuration that
/// several tests share has a subclass (<see cref="ModelCluster"/>); tests that need a clock, settings, storage or silo
/// roles of their own start a cluster of their own.
/// </summary>
/// <remarks>
/// What a test sees of the tests before it: grains (each test uses workflow and session ids of its own; what is listed
/// across workflows is asserted with <c>Contains</c>), and nothing else. <see cref="ResetAsync"/> runs before each test:
/// it waits until no workflow of an earlier test is running (so none of them can act on the web any more; a test that
/// leaves one paused has waited for its step loop to stop, as the pause tests do), then puts
/// the fake web and artefact store back as a fresh cluster has them, so counts of submissions, sessions and checks are
/// the test's own.
/// </remarks>
public class SharedCluster : IAsyncLifetime
{
    private FakeCluster? _cluster;

    public FakeCluster Cluster => _cluster ?? throw new InvalidOperationException("The shared cluster is not started.");

    public async Task InitializeAsync() => _cluster = await StartClusterAsync();

    /// <summary>Makes the cluster ready for the next test: see the remarks of <see cref="SharedCluster"/>.</summary>
    public async Task ResetAsync()
    {
        var cluster = Cluster;
        await Eventually.ValueAsync(
            () => cluster.Client.ListAsync(),
            all => !all.Any(Active),
            "every workflow of the tests before this one to stop (succeed, fail, be cancelled or paused)",
            describe: all => string.Join(", ", all.Where(Active).Select(w => $"{w.Id} is {w.Status}")));
        cluster.Web.Reset();
        cluster.Artifacts.Reset();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    /// <summary>Starts the cluster this fixture shares; the default configuration unless a subclass says otherwise.</summary>
    protected virtual Task<FakeCluster> StartClusterAsync() => FakeCluster.StartAsync();

    private static bool Active(WorkflowSummary workflow) => workflow.Status is WorkflowStatus.Pending or WorkflowStatus.Running;
}

/// <summary>A test class whose tests with the default configuration share one <see cref="SharedCluster"/>, reset before
/// each of them.</summary>
public abstract class SharedClusterTests(SharedCluster shared) : SharedClusterTests<SharedCluster>(shared);

/// <summary>A test class whose tests share one cluster of the configuration <typeparamref name="TCluster"/> starts, reset
/// before each of them.</summary>
public abstract class SharedClusterTests<TCluster>(TCluster shared) : IClassFixture<TCluster>, IAsyncLifetime
    where TCluster : SharedCluster
{
    /// <summary>The class's cluster, reset for this test. Not disposed by a test.</summary>
    protected FakeCluster Shared => shared.Cluster;

    /// <summary>The fixture itself, for what its configuration names (<see cref="ModelCluster.MissingModelPath"/>).</summary>
    protected TCluster Fixture => shared;

    public Task InitializeAsync() => shared.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
