using System.Net.Sockets;
using Azure;
using Orleans.Runtime;
using Orleans.Storage;
using ScribeActors.Abstractions;
using ScribeActors.Agent.Recovery;

namespace ScribeActors.Grains.Workflows;

/// <summary>Tells what kind of infrastructure fault an exception from a workflow's step is (see
/// <see cref="RetryPolicy.OnFault"/> for what follows).</summary>
internal static class FaultClassifier
{
    /// <summary>Classifies <paramref name="exception"/>, looking through the wrappers Orleans and the storage SDK add.</summary>
    public static InfrastructureFault Classify(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var chain = Unwrap(exception).ToList();
        if (chain.Any(e => e is InconsistentStateException))
        {
            return InfrastructureFault.StorageConflict;
        }

        if (chain.Any(e => e is BrowserSessionNotOpenException))
        {
            return InfrastructureFault.SessionNotOpen;
        }

        // Orleans wraps storage errors ("Error from storage provider ..."); the SDK reports a storage account that does
        // not answer as a RequestFailedException without status, a 5xx, or the network error after its own retries.
        var fromStorage = chain.Any(e => e is RequestFailedException
            || (e is OrleansException && e.Message.StartsWith("Error from storage provider", StringComparison.Ordinal)));
        if (fromStorage && chain.Any(IsUnanswered))
        {
            return InfrastructureFault.StorageUnavailable;
        }

        return chain.Any(e => e is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException or ScribeActors.Browser.BrowserUnavailableException)
            ? InfrastructureFault.Transient
            : InfrastructureFault.Unexpected;
    }

    private static bool IsUnanswered(Exception e) => e switch
    {
        RequestFailedException failed => failed.Status is 0 or 408 or 429 or >= 500,
        HttpRequestException or SocketException or IOException or TimeoutException or OperationCanceledException => true,
        _ => false,
    };

    private static IEnumerable<Exception> Unwrap(Exception exception)
    {
        var pending = new Stack<Exception>();
        pending.Push(exception);
        while (pending.Count > 0)
        {
            var e = pending.Pop();
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions)
                {
                    pending.Push(inner);
                }
            }
            else if (e.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }
}
