using Orleans.TestingHost;
using ScribeActors.Client.Hosting;

namespace ScribeActors.Client.Tests.Fakes;

/// <summary>One in-process silo hosting the fake grains, and its cluster client sending <see cref="ApiKey"/> the way
/// <see cref="ScribeClientHostingExtensions.UseScribeApiKey"/> does for business apps.</summary>
public sealed class ClientClusterFixture : IAsyncLifetime
{
    public const string ApiKey = "client-cluster-key-0123456789";

    private InProcessTestCluster? _cluster;

    public ScribeClient Client => new((_cluster ?? throw new InvalidOperationException("The cluster is not started.")).Client);

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureClient(client => client.UseScribeApiKey(ApiKey));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClientClusterCollection : ICollectionFixture<ClientClusterFixture>
{
    public const string Name = "Client: in-process cluster";
}
