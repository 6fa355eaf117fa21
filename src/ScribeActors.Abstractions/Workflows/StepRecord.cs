namespace ScribeActors.Abstractions;

/// <summary>The durable record of one workflow step.</summary>
[GenerateSerializer, Immutable, Alias("scribe.StepRecord")]
public sealed record StepRecord
{
    /// <summary>0-based step index within the workflow.</summary>
    [Id(0)] public required int Index { get; init; }

    /// <summary>How far the step got.</summary>
    [Id(1)] public StepPhase Phase { get; init; }

    /// <summary>The page URL when the step was observed.</summary>
    [Id(2)] public string? UrlBefore { get; init; }

    /// <summary>The page URL after the action.</summary>
    [Id(3)] public string? UrlAfter { get; init; }

    /// <summary>The step in the ScribeAgent 5-line format (description, action, node, target), when the source produced
    /// one: <see cref="Step"/> rendered, for people and text clients.</summary>
    [Id(4)] public string? Description { get; init; }

    /// <summary>The step the source decided (replay, model or evaluation alike), structured; <see langword="null"/> when
    /// it produced none, and in records stored before steps were kept structured (their <see cref="Description"/>
    /// holds the block; <see cref="DecidedStep"/> reads either).</summary>
    [Id(24)] public ScribeStep? Step { get; init; }

    /// <summary>The concrete browser action; <see langword="null"/> for a finish step.</summary>
    [Id(5)] public BrowserAction? Action { get; init; }

    /// <summary>The browser's result; <see langword="null"/> until the action finished.</summary>
    [Id(6)] public ActionResult? Outcome { get; init; }

    /// <summary>Content hash (sha256, hex) of the stored observation DOM; the DOM itself lives in its own blob.</summary>
    [Id(7)] public string? ObservationRef { get; init; }

    /// <summary>Why the step ended the way it did, when that is not obvious from <see cref="Outcome"/>
    /// (for example how an interrupted action was resolved after a crash).</summary>
    [Id(8)] public string? Note { get; init; }

    /// <summary>The id under which the action was handed to the browser session (used to deduplicate re-delivery).</summary>
    [Id(9)] public string? ActionId { get; init; }

    /// <summary>When the step started.</summary>
    [Id(10)] public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the step reached <see cref="StepPhase.Done"/>.</summary>
    [Id(11)] public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Milliseconds spent observing the page; about 0 when the previous action brought the page back with it
    /// (its capture is then part of that step's <see cref="ExecuteMs"/>).</summary>
    [Id(12)] public double ObserveMs { get; init; }

    /// <summary>Milliseconds spent deciding the action.</summary>
    [Id(13)] public double DecideMs { get; init; }

    /// <summary>Milliseconds spent executing the action: acting, waiting for the page to settle, the session's
    /// checkpoint and the capture of the page the action left.</summary>
    [Id(14)] public double ExecuteMs { get; init; }

    /// <summary>The step-source cursor this step came from (for replay: the 0-based recorded step index).</summary>
    [Id(15)] public int? SourceCursor { get; init; }

    /// <summary>Number of DOM nodes observed.</summary>
    [Id(16)] public int NodeCount { get; init; }

    /// <summary>Content hash reference of the viewport screenshot (PNG) taken with the observation, when screenshots are on.</summary>
    [Id(17)] public string? ScreenshotRef { get; init; }

    /// <summary>For a model-driven step: the raw model output, token counts and latencies.</summary>
    [Id(18)] public StepInference? Inference { get; init; }

    /// <summary>Milliseconds writing the step's intent before the action (the outcome of the previous step goes in the
    /// same write when it was not written yet).</summary>
    [Id(19)] public double PersistMs { get; init; }

    /// <summary>The step-source cursor once this step's action is performed (usually <see cref="SourceCursor"/> + 1; more
    /// when the source found that a recorded step had already taken effect). Lets recovery move past a step it finds
    /// performed exactly as the running workflow would have.</summary>
    [Id(20)] public int? NextCursor { get; init; }

    /// <summary>Whether the step submits a sign-in form (a form with a password field): recovery may take it again,
    /// since signing in twice changes nothing on a server.</summary>
    [Id(21)] public bool SignsIn { get; init; }

    /// <summary>Whether recovery took this step as performed without knowing that it reached the server: a request that
    /// may change server state had left as the browser died, and nothing after it showed that the server answered. It is
    /// never repeated (a repeat could double a submission); the <see cref="Note"/> says what was sent, so a person can
    /// check the server.</summary>
    [Id(22)] public bool OutcomeUncertain { get; init; }

    /// <summary>Content hash reference of the prompt a model step gave the model (after the chat template, as the model
    /// read it), stored as an artefact like the observation; <see langword="null"/> for other steps.</summary>
    [Id(23)] public string? PromptRef { get; init; }

    /// <summary>The step the source decided: <see cref="Step"/>, or for a record stored before it existed, its
    /// <see cref="Description"/> block read back; <see langword="null"/> when there is neither.</summary>
    public ScribeStep? DecidedStep() =>
        Step ?? (Description is { } block && ScribeStep.TryParse(block, out var parsed, out _) ? parsed : null);

    /// <summary>This step without the references of its artefacts (observation, screenshot, prompt): what a record may
    /// hold before they are stored.</summary>
    public StepRecord WithoutArtifacts() => this with { ObservationRef = null, ScreenshotRef = null, PromptRef = null };
}
