using Microsoft.Extensions.Logging;

namespace ScribeActors.Browser;

internal sealed partial class PlaywrightBrowserSession
{
    [LoggerMessage(EventId = 1110, Level = LogLevel.Information, Message = "Blocked a navigation to {Url}: its host is not allowed")]
    private static partial void LogBlockedNavigation(ILogger logger, string url);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Information, Message = "Left {Url}, reached by a redirect to a host that is not allowed")]
    private static partial void LogLeftForeignPage(ILogger logger, string url);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Debug, Message = "Closing a browser context failed")]
    private static partial void LogCloseFailed(ILogger logger, Exception exception);
}
