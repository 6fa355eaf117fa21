using System.Net.Sockets;
using Azure;
using Orleans.Runtime;
using Orleans.Storage;
using ScribeActors.Abstractions;
using ScribeActors.Agent.Recovery;
using ScribeActors.Grains.Workflows;

namespace ScribeActors.Grains.Tests.Workflows;

public sealed class FaultClassifierTests
{
    public static TheoryData<Exception, InfrastructureFault> Cases => new()
    {
        { new InconsistentStateException("etag", "1", "2"), InfrastructureFault.StorageConflict },
        { new WorkflowUnavailableException("w"), InfrastructureFault.Unexpected },
        { new OrleansException("Error from storage provider AzureBlobGrainStorage.state during WriteStateAsync", new RequestFailedException(0, "refused")), InfrastructureFault.StorageUnavailable },
        { new OrleansException("Error from storage provider X during ReadStateAsync", new AggregateException(new HttpRequestException("refused", new SocketException(111)))), InfrastructureFault.StorageUnavailable },
        { new OrleansException("Error from storage provider X during WriteStateAsync", new RequestFailedException(503, "busy")), InfrastructureFault.StorageUnavailable },
        { new RequestFailedException(403, "forbidden"), InfrastructureFault.Unexpected },
        { new OrleansException("Error from storage provider X during WriteStateAsync", new InvalidCastException("serializer")), InfrastructureFault.Unexpected },
        { new BrowserSessionNotOpenException("w"), InfrastructureFault.SessionNotOpen },
        { new TimeoutException("Response did not arrive on time"), InfrastructureFault.Transient },
        { new SiloUnavailableException("gone"), InfrastructureFault.Transient },
        { new ScribeActors.Browser.BrowserUnavailableException("recycled"), InfrastructureFault.Transient },
        { new HttpRequestException("not storage"), InfrastructureFault.Unexpected },
        { new InvalidOperationException("bug"), InfrastructureFault.Unexpected },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classify_KnownShapes_GiveTheirFault(Exception exception, InfrastructureFault expected) =>
        Assert.Equal(expected, FaultClassifier.Classify(exception));
}
