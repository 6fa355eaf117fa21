using Microsoft.Extensions.Logging;

namespace ScribeActors.Browser;

internal sealed partial class PlaywrightBrowserSession
{
    [LoggerMessage(EventId = 1111, Level = LogLevel.Information, Message = "Left {Url}: the page ended up off the allowed hosts")]
    private static partial void LogLeftForeignPage(ILogger logger, string url);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Debug, Message = "Closing a browser context failed")]
    private static partial void LogCloseFailed(ILogger logger, Exception exception);
}
