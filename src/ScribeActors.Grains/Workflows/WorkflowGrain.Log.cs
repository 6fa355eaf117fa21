using Microsoft.Extensions.Logging;
using ScribeActors.Abstractions;

namespace ScribeActors.Grains.Workflows;

public sealed partial class WorkflowGrain
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Workflow {WorkflowId} started: {Objective} at {StartUrl}")]
    private partial void LogStarted(string workflowId, string objective, string startUrl);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Workflow {WorkflowId} is now {Status} {Reason}")]
    private partial void LogStatus(string workflowId, WorkflowStatus status, string? reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Workflow {WorkflowId} step {Index}: {Action} -> {Result}")]
    private partial void LogStep(string workflowId, int index, string action, string result);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Workflow {WorkflowId} resumed after {StepCount} steps (resumption {Resumptions})")]
    private partial void LogResumed(string workflowId, int stepCount, int resumptions);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Workflow {WorkflowId} retry {Attempt}: {Reason}")]
    private partial void LogRetry(string workflowId, int attempt, string? reason);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Workflow {WorkflowId} step failed ({Fault}; next: {Move}; consecutive errors {Count})")]
    private partial void LogLoopError(string workflowId, Agent.Recovery.InfrastructureFault fault, Agent.Recovery.RetryMove move, int count, Exception exception);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Workflow {WorkflowId} step {Index} was interrupted; performed: {Performed} ({Reason})")]
    private partial void LogInterrupted(string workflowId, int index, bool performed, string reason);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "Workflow {WorkflowId} page was rebuilt from a checkpoint (epoch {Epoch}); cursor {Cursor} -> {Rewound}")]
    private partial void LogPageReloaded(string workflowId, int epoch, int cursor, int rewound);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning, Message = "Workflow {WorkflowId} could not close its browser session")]
    private partial void LogCloseFailed(string workflowId, Exception exception);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Warning, Message = "Workflow {WorkflowId} could not store the observation of step {Index}; the step is recorded without it")]
    private partial void LogArtifactsLost(string workflowId, int index, Exception exception);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Debug, Message = "Workflow {WorkflowId} could not prepare an action ({Reason}); it is executed without")]
    private partial void LogPrepareFailed(string workflowId, string reason);

    [LoggerMessage(EventId = 1045, Level = LogLevel.Debug, Message = "Workflow {WorkflowId} could not have the observed page's screenshot taken ({Reason}); the step keeps none")]
    private partial void LogScreenshotFailed(string workflowId, string reason);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "Workflow {WorkflowId} is stale ({Reason}); a fresh activation resumes from the stored state")]
    private partial void LogStale(string workflowId, string reason);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "Workflow {WorkflowId} could not update the workflow index ({Reason}); it is updated with the next write")]
    private partial void LogIndexBehind(string workflowId, string reason);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Warning, Message = "Workflow {WorkflowId} opened its browser session again at {Url} (its stored state was lost)")]
    private partial void LogReopened(string workflowId, string url);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Warning, Message = "Workflow {WorkflowId} step {Index}: the browser went away while acting ({Reason}); the step is resolved as interrupted")]
    private partial void LogUncertain(string workflowId, int index, string? reason);

    [LoggerMessage(EventId = 1015, Level = LogLevel.Warning, Message = "Workflow {WorkflowId} recovered {Count} performed steps from its browser session's record (storage had lost them)")]
    private partial void LogRecovered(string workflowId, int count);

    [LoggerMessage(EventId = 1046, Level = LogLevel.Error, Message = "Workflow {WorkflowId}: storage lost its record from step {Index} on, and its browser session's record reaches back only to step {Oldest}: what the steps between did cannot be recovered")]
    private partial void LogRecoveryGap(string workflowId, int index, int oldest);

    [LoggerMessage(EventId = 1047, Level = LogLevel.Error, Message = "Workflow {WorkflowId}: storage lost its ending ({Status}, version {Version}); it holds version {StoredVersion} ({StoredStatus}). Wrote the ending back")]
    private partial void LogEndingLost(string workflowId, WorkflowStatus status, long version, long? storedVersion, WorkflowStatus? storedStatus);

    [LoggerMessage(EventId = 1048, Level = LogLevel.Warning, Message = "Workflow {WorkflowId}: could not read its ending back from storage ({Reason}); trying again")]
    private partial void LogEndingCheckFailed(string workflowId, string reason);

    [LoggerMessage(EventId = 1016, Level = LogLevel.Warning, Message = "Workflow {WorkflowId}: storage lost writes (it holds version {StoredVersion} of this activation's or the one it started from, or nothing); wrote this activation's copy back (version {Version}, {Steps} steps)")]
    private partial void LogRecordWrittenBack(string workflowId, long version, int steps, long? storedVersion);

    [LoggerMessage(EventId = 1017, Level = LogLevel.Information, Message = "Workflow {WorkflowId} step {Index}: the rebuilt page was the one before the step's request; went to where it led, {Url}: {Result}")]
    private partial void LogWentToLanding(string workflowId, int index, string url, string result);

    [LoggerMessage(EventId = 1018, Level = LogLevel.Warning, Message = "Workflow {WorkflowId}: the context rebuilt from a checkpoint (epoch {Epoch}) was at {RebuiltUrl}, behind the workflow's record; went back to {Url}: {Result}")]
    private partial void LogReturnedToRecordedPage(string workflowId, int epoch, string rebuiltUrl, string url, string result);

    [LoggerMessage(EventId = 1040, Level = LogLevel.Warning, Message = "Workflow {WorkflowId} cannot observe {Url}: {Chars} characters, {Elements} elements is over the configured limit")]
    private partial void LogPageTooLarge(string workflowId, string url, long chars, int elements);

    [LoggerMessage(EventId = 1041, Level = LogLevel.Warning, Message = "Workflow {WorkflowId} step {Index}: finish refused (attempt {Attempt}): {Reason}")]
    private partial void LogFinishRefused(string workflowId, int index, int attempt, string reason);

    [LoggerMessage(EventId = 1042, Level = LogLevel.Warning, Message = "Workflow {WorkflowId} is looping ({Kind}, steps {Steps}): {Reason}")]
    private partial void LogLoop(string workflowId, Agent.GuardRails.LoopKind kind, string steps, string reason);

    [LoggerMessage(EventId = 1043, Level = LogLevel.Warning, Message = "Workflow {WorkflowId} ran out of its time budget of {Budget} (deadline {Deadline})")]
    private partial void LogOutOfTime(string workflowId, TimeSpan budget, DateTimeOffset deadline);

    [LoggerMessage(EventId = 1044, Level = LogLevel.Warning, Message = "Workflow {WorkflowId}: stopping at its deadline failed; the step loop ends it at its next step")]
    private partial void LogDeadlineWatchFailed(string workflowId, Exception exception);
}
