using Microsoft.Extensions.Logging;

namespace ScribeActors.Silo.Security;

public sealed partial class ApiKeyGrainCallFilter
{
    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Rejected {Interface}.{Method} from client {Source}: the API key is {Problem}")]
    private static partial void LogRejectedCall(ILogger logger, string @interface, string method, string source, string problem);
}
