using Microsoft.Extensions.Logging;

namespace ScribeActors.Silo.Api;

public sealed partial class ApiProblemFilter
{
    [LoggerMessage(EventId = 5010, Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: the cluster is failing over")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string method, string path);
}
