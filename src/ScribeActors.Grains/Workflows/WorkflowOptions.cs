using System.ComponentModel.DataAnnotations;

namespace ScribeActors.Grains.Workflows;

/// <summary>How workflows run. Section <c>Scribe:Workflow</c>; checked at start by <see cref="WorkflowOptionsValidator"/>.</summary>
public sealed class WorkflowOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Scribe:Workflow";

    /// <summary>Period of the reminder that keeps a running workflow alive and reactivates it after a silo failure.
    /// Default 1 minute (Orleans' minimum unless the silo lowers <c>ReminderOptions.MinimumReminderPeriod</c>); between
    /// 1 second and 1 day.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan KeepAlivePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long after a workflow ended its activation reads the ending back from storage, and then how often,
    /// <see cref="EndingChecks"/> times: storage that loses writes it acknowledged (an emulator killed and restarted on
    /// older data) can lose an ending that nothing would write again (see <see cref="Agent.Recovery.StoredEndingRule"/>).
    /// Default 10 s; between 100 ms and 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan EndingCheckPeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many times an ending is read back (<see cref="EndingCheckPeriod"/>); 0 reads none. Default 6.</summary>
    [Range(0, 100)]
    public int EndingChecks { get; set; } = 6;

    /// <summary>How often a failing action (element not interactable, timeout, ...) is tried, re-observing in between. Default 3.</summary>
    [Range(1, 20)]
    public int MaxActionAttempts { get; set; } = 3;

    /// <summary>How often an unreachable page is retried before the workflow fails with the network error. Default 3.</summary>
    [Range(0, 20)]
    public int MaxNavigationRetries { get; set; } = 3;

    /// <summary>How often the step source may fail to decide on a page (for example a target not rendered yet) before
    /// the workflow fails. Default 3.</summary>
    [Range(1, 20)]
    public int MaxDecisionAttempts { get; set; } = 3;

    /// <summary>Consecutive failed actions of model-chosen steps tolerated before the workflow fails (the reference stops
    /// after 5 repeated or unparsable actions). A failed model step is recorded and the model decides again from the
    /// page; the browser blocking a navigation off the allowed hosts is such a failure, not the end. Default 5.</summary>
    [Range(1, 100)]
    public int MaxModelActionFailures { get; set; } = 5;

    /// <summary>The first delay between retries; doubled on each further retry. Default 500 ms; between 1 ms and
    /// 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest delay between two retries; a workflow waiting for storage to come back checks at this pace.
    /// Default 30 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Consecutive unexpected errors (storage, browser grain unreachable) tolerated before the workflow fails. Default 10.</summary>
    [Range(1, 1000)]
    public int MaxInfrastructureErrors { get; set; } = 10;

    /// <summary>How long a success criterion's server check (<see cref="Abstractions.SuccessCriteria.CheckUrl"/>) may wait
    /// for its answer; no answer in time fails the criterion (the finish is a failed step). Default 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan SuccessCheckTimeout { get; set; } = Abstractions.ServerCheckRequest.DefaultTimeout;

    /// <summary>Performed steps in a row with the same action on the same element that end the workflow as a loop
    /// (<see cref="Agent.GuardRails.LoopRule"/>). Default 3; between 2 and 1000.</summary>
    [Range(2, 1000)]
    public int MaxRepeatedActions { get; set; } = Agent.GuardRails.LoopLimits.DefaultMaxRepeatedActions;

    /// <summary>Performed steps in a row that left the page unchanged (same URL and DOM content) that end the workflow
    /// as a loop (<see cref="Agent.GuardRails.LoopRule"/>; needs <see cref="StoreObservations"/>, whose content hashes
    /// it compares). Default 6; between 2 and 1000.</summary>
    [Range(2, 1000)]
    public int MaxUnchangedSteps { get; set; } = Agent.GuardRails.LoopLimits.DefaultMaxUnchangedSteps;

    /// <summary>Store each observation's DOM, and each model step's prompt, as content-addressed artefacts. Default true.</summary>
    public bool StoreObservations { get; set; } = true;

    /// <summary>Take a viewport screenshot with each observation and store it as a content-addressed PNG artefact
    /// (<see cref="Abstractions.StepRecord.ScreenshotRef"/>), shown by the run viewer. Default true; a screenshot costs
    /// tens of milliseconds per step. None is taken of a page that shows a secret the session typed.</summary>
    public bool CaptureScreenshots { get; set; } = true;

    /// <summary>How long a stored screenshot is kept after it was last stored; older ones are deleted by a sweep each
    /// silo runs (<see cref="Storage.ArtifactRetention"/>), and the viewer says so where one is gone. Default 7 days;
    /// zero keeps them for ever; at most 10 years.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan ScreenshotRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a stored observation DOM or model prompt is kept after it was last stored, counted only once no
    /// workflow that has not ended can need it: the sweep (<see cref="Storage.ArtifactRetention"/>) deletes those last
    /// stored before the retention and before the start of every workflow still pending, running or paused, whose
    /// recovery reads them. Ended runs' DOMs then go: dataset export and the viewer's page view say so. Default unset:
    /// kept for ever; between 1 day and 10 years.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00", ParseLimitsInInvariantCulture = true)]
    public TimeSpan? ObservationRetention { get; set; }

    /// <summary>The retry limits these options set, for <see cref="Agent.Recovery.RetryPolicy"/>.</summary>
    internal Agent.Recovery.RetryLimits ToRetryLimits() => new(
        MaxActionAttempts, MaxNavigationRetries, MaxDecisionAttempts, MaxModelActionFailures, MaxInfrastructureErrors, RetryDelay, MaxRetryDelay);

    /// <summary>The loop limits these options set, for <see cref="Agent.GuardRails.LoopRule"/>.</summary>
    internal Agent.GuardRails.LoopLimits ToLoopLimits() => new(MaxRepeatedActions, MaxUnchangedSteps);
}
