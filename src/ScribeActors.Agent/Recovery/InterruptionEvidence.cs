using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Recovery;

/// <summary>What <see cref="InterruptedActionRule"/> knows after an interruption.</summary>
/// <param name="RecordedResult">The result the browser session recorded for the action id, if any.</param>
/// <param name="FreshUrl">The URL of a fresh observation taken after the interruption.</param>
/// <param name="TargetPresent">Whether the action's target can be found in that observation.</param>
public sealed record InterruptionEvidence(ActionResult? RecordedResult, string FreshUrl, bool TargetPresent)
{
    /// <summary>The browser context that performed the action is gone and the page was rebuilt from a checkpoint, so the
    /// page shows nothing of what the action did.</summary>
    public bool PageRebuilt { get; init; }

    /// <summary>The first state-changing request (method and URL) the session let out during the action, if any.</summary>
    public string? SentRequest { get; init; }

    /// <summary>The page <see cref="SentRequest"/> led to, when the session recorded it before the browser went away.</summary>
    public string? SentLandingUrl { get; init; }

    /// <summary>The <c>Idempotency-Key</c> <see cref="SentRequest"/> carried (its server honours the header), if any.</summary>
    public string? SentIdempotencyKey { get; init; }

    /// <summary>The <c>Idempotency-Key</c> the action's requests carried to hosts that honour the header (the key the
    /// workflow carried into it, or its action id). A link's GET carries it unreported, since it may be a download that
    /// is known as one only when its answer arrives; an action taken again sends it again.</summary>
    public string? ActionKey { get; init; }

    /// <summary>The step submits a sign-in form (see <see cref="SignInRule"/>).</summary>
    public bool SignsIn { get; init; }
}
