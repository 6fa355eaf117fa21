using Microsoft.Extensions.Logging;

namespace ScribeActors.Silo.Security;

public sealed partial class ApiKeyAuthenticationHandler
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Warning, Message = "Rejected {Method} {Path} from {RemoteAddress}: the API key is not valid")]
    private static partial void LogRejectedKey(ILogger logger, string method, string path, string remoteAddress);
}
