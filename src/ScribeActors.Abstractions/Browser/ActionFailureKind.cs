namespace ScribeActors.Abstractions;

/// <summary>Why a browser action did not succeed.</summary>
[GenerateSerializer, Alias("scribe.ActionFailureKind")]
public enum ActionFailureKind
{
    /// <summary>The action succeeded.</summary>
    None = 0,

    /// <summary>The node id is not in the latest observation.</summary>
    UnknownNode = 1,

    /// <summary>The node was in the latest observation but its element is no longer in the page.</summary>
    ElementDetached = 2,

    /// <summary>The element exists but cannot take this action (hidden, disabled, not editable, not a select, ...).</summary>
    NotInteractable = 3,

    /// <summary>A navigation failed (connection refused, DNS, HTTP-level failure to load).</summary>
    NavigationError = 4,

    /// <summary>The navigation target's host is not on the workflow's allow-list.</summary>
    HostNotAllowed = 5,

    /// <summary>The action or the page settling did not finish within its time limit.</summary>
    Timeout = 6,

    /// <summary>The action is malformed (missing node, text or URL for its kind).</summary>
    InvalidAction = 7,

    /// <summary>The browser itself is unavailable (not installed, crashed).</summary>
    BrowserUnavailable = 8,

    /// <summary>A secret the action types is not configured on the browser silo (or its provider could not be read).</summary>
    SecretUnavailable = 9,

    /// <summary>A secret the action types may not be typed on the page's host.</summary>
    SecretNotAllowed = 10,

    /// <summary>The page is larger than the configured observation limit (characters of DOM or elements), so it was not
    /// captured: see <see cref="Observation.TooLarge"/>. Observing it again gives the same answer.</summary>
    PageTooLarge = 11,

    /// <summary>A finish step whose workflow's <see cref="SuccessCriteria"/> did not hold (the message names each criterion
    /// that failed and what was seen): the step source decides again.</summary>
    ObjectiveNotMet = 12,
}
