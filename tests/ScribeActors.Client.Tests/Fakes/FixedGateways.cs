using Orleans.Messaging;

namespace ScribeActors.Client.Tests.Fakes;

/// <summary>A gateway list that names fixed gateways, or fails when <see cref="Failure"/> is set.</summary>
public sealed class FixedGateways(params Uri[] gateways) : IGatewayListProvider
{
    public Exception? Failure { get; set; }

    public TimeSpan MaxStaleness => TimeSpan.FromMinutes(1);

    public bool IsUpdatable => true;

    public Task InitializeGatewayListProvider() => Task.CompletedTask;

    public Task<IList<Uri>> GetGateways() => Failure is null ? Task.FromResult<IList<Uri>>(gateways) : Task.FromException<IList<Uri>>(Failure);
}
