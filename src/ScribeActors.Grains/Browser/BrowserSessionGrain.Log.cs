using Microsoft.Extensions.Logging;

namespace ScribeActors.Grains.Browser;

public sealed partial class BrowserSessionGrain
{
    [LoggerMessage(EventId = 1120, Level = LogLevel.Information, Message = "Browser session {SessionId} opened at {Url} (navigation ok: {Succeeded})")]
    private partial void LogOpened(string sessionId, string url, bool succeeded);

    [LoggerMessage(EventId = 1121, Level = LogLevel.Debug, Message = "Browser session {SessionId} executed {Action}: {Result} in {ElapsedMs:F1} ms")]
    private partial void LogExecuted(string sessionId, string action, string result, double elapsedMs);

    [LoggerMessage(EventId = 1122, Level = LogLevel.Information, Message = "Browser session {SessionId} rebuilt from its checkpoint at {Url} (epoch {Epoch})")]
    private partial void LogRebuilt(string sessionId, string? url, int epoch);

    [LoggerMessage(EventId = 1123, Level = LogLevel.Warning, Message = "Browser session {SessionId} failed to close its browser context")]
    private partial void LogDisposeFailed(string sessionId, Exception exception);

    [LoggerMessage(EventId = 1124, Level = LogLevel.Information, Message = "Browser session {SessionId} could not observe the page after an action ({Reason}); the workflow observes on its own")]
    private partial void LogObserveAfterActionFailed(string sessionId, string reason);

    [LoggerMessage(EventId = 1125, Level = LogLevel.Warning, Message = "Browser session {SessionId} found a later epoch stored ({StoredEpoch} > {Epoch}); this activation is stale and goes away")]
    private partial void LogStale(string sessionId, int epoch, int storedEpoch);

    [LoggerMessage(EventId = 1126, Level = LogLevel.Warning, Message = "Browser session {SessionId} found its stored checkpoint changed (epoch {Epoch}, stored epoch {StoredEpoch}, stored open: {StoredOpen}); the live context's checkpoint replaces it")]
    private partial void LogConflictResolved(string sessionId, int epoch, int storedEpoch, bool storedOpen);

    [LoggerMessage(EventId = 1127, Level = LogLevel.Debug, Message = "Browser session {SessionId} recorded that action {ActionId} sent {Request}")]
    private partial void LogSent(string sessionId, string? actionId, string request);

    [LoggerMessage(EventId = 1128, Level = LogLevel.Information, Message = "Browser session {SessionId} server check: {Result} in {ElapsedMs:F1} ms")]
    private partial void LogChecked(string sessionId, string result, double elapsedMs);

    [LoggerMessage(EventId = 1129, Level = LogLevel.Warning, Message = "Browser session {SessionId}: the browser did not answer ({What}) within {Seconds:0.#} s; its context is closed and rebuilt from the checkpoint")]
    private partial void LogUnresponsive(string sessionId, string what, double seconds);

    [LoggerMessage(EventId = 1130, Level = LogLevel.Information, Message = "Browser session {SessionId} could not take a screenshot of the observed page ({Reason}); the step keeps none")]
    private partial void LogScreenshotFailed(string sessionId, string reason);
}
