using Azure;
using Orleans.Storage;

namespace ScribeActors.Silo.Api;

/// <summary>Tells a cluster that is failing over (a silo gone, a call timed out, storage briefly unreachable) from a
/// genuine bug: the first deserves 503 and a retry, the second 500.</summary>
public static class FailoverExceptions
{
    /// <summary>The seconds a client should wait before retrying (the <c>Retry-After</c> header): about the time the
    /// cluster takes to notice a dead silo and place its grains elsewhere.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>True when <paramref name="exception"/> means the cluster is temporarily unable to answer.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        SiloUnavailableException or OrleansMessageRejectionException or GatewayTooBusyException or ClientNotAvailableException => true,
        TimeoutException => true,
        // Two activations of one grain for a moment while the cluster re-places it: the second write loses the race.
        InconsistentStateException => true,
        // Storage unreachable (status 0), throttled, or failing on its side.
        RequestFailedException r => r.Status is 0 or 408 or 429 or >= 500,
        HttpRequestException => true,
        AggregateException a => a.InnerExceptions.Count > 0 && a.InnerExceptions.All(IsTransient),
        OrleansException { InnerException: { } inner } => IsTransient(inner),
        _ => false,
    };
}
