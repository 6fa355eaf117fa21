using Microsoft.Extensions.Logging;

namespace ScribeActors.Browser;

public sealed partial class PlaywrightBrowserHost
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Launched Chromium {ExecutablePath} (version {Version}) in {ElapsedMs:F0} ms")]
    private static partial void LogLaunched(ILogger logger, string executablePath, string version, double elapsedMs);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Chromium {ExecutablePath} disconnected; it is relaunched on the next session")]
    private static partial void LogDisconnected(ILogger logger, string executablePath);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Relaunching Chromium after a disconnect")]
    private static partial void LogRelaunching(ILogger logger);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Debug, Message = "Opened a browser session (allowed hosts: {AllowedHosts}; restored storage state: {Restored})")]
    private static partial void LogSessionOpened(ILogger logger, string allowedHosts, bool restored);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "Closing Chromium failed")]
    private static partial void LogCloseFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Information, Message = "Closed {Count} browser sessions unused for {Minutes:0.#} min")]
    private static partial void LogSwept(ILogger logger, int count, double minutes);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Information, Message = "Recycled Chromium ({Reason}); {Sessions} open sessions are rebuilt from their checkpoints when next used")]
    private static partial void LogRecycled(ILogger logger, string reason, int sessions);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Warning, Message = "Browser housekeeping failed; it runs again at the next period")]
    private static partial void LogHousekeepingFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1108, Level = LogLevel.Warning, Message = "Could not remove the browser's temp folder {Folder}: {Reason}")]
    private static partial void LogTempNotRemoved(ILogger logger, string folder, string reason);

    [LoggerMessage(EventId = 1109, Level = LogLevel.Warning, Message = "Making a warm browser context failed ({Reason}); sessions open contexts the usual way until the next one is made")]
    private static partial void LogWarmingFailed(ILogger logger, string reason);
}
