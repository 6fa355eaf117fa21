using Microsoft.Extensions.Logging;

namespace ScribeActors.Client.Hosting;

internal sealed partial class ClusterConnectRetryFilter
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Warning,
        Message = "connecting to cluster '{ClusterId}': {Reason} ({Elapsed:F1} s so far, giving up after {Timeout:F0} s)")]
    private static partial void LogWaiting(ILogger logger, string clusterId, string reason, double elapsed, double timeout);
}
