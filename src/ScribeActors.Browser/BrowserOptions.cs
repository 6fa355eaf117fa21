using System.ComponentModel.DataAnnotations;

namespace ScribeActors.Browser;

/// <summary>How the process-wide Chromium is launched and how long browser operations may take.
/// Bound from the configuration section <see cref="SectionName"/>; checked at host start by
/// <see cref="BrowserOptionsValidator"/> (the annotations below and <see cref="IValidatableObject.Validate"/>).</summary>
public sealed class BrowserOptions : IValidatableObject
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Scribe:Browser";

    private const int MaxViewport = 16384;

    // Timeouts and periods: positive, and at most a day (a larger value is a typo, not a setting).
    private const string NoTime = "00:00:00";
    private const string OneDay = "1.00:00:00";
    private const string PositiveTime = "{0} must be positive and at most {2} (got {3}).";
    private const string AtLeast = "{0} must be at least {1} (got {3}).";

    /// <summary>The Chromium executable to launch.</summary>
    /// <value>Default <c>/usr/bin/chromium</c> (Debian's <c>chromium</c> package).</value>
    [Required(ErrorMessage = SectionName + ":" + nameof(ExecutablePath) + " is empty: set it to the Chromium executable (for example /usr/bin/chromium).")]
    public string ExecutablePath { get; set; } = "/usr/bin/chromium";

    /// <summary>Whether Chromium runs without a window.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool Headless { get; set; } = true;

    /// <summary>The longest one element action (click, type, key, select, scroll) may take.</summary>
    /// <value>Default 10 seconds; must be positive (at most a day).</value>
    [SettingRange(SectionName, NoTime, OneDay, MinimumIsExclusive = true, ErrorMessage = PositiveTime)]
    public TimeSpan ActionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest a navigation (goto, back) or the page settling after an action may take.</summary>
    /// <value>Default 30 seconds; must be positive (at most a day).</value>
    [SettingRange(SectionName, NoTime, OneDay, MinimumIsExclusive = true, ErrorMessage = PositiveTime)]
    public TimeSpan NavigationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one call into a browser session (open, action, observation, checkpoint) may run in all before the
    /// browser counts as no longer answering: its context is closed, the call fails as if the browser had died, and
    /// the session is rebuilt from its checkpoint. Each operation ends on its own timeouts well before, so it must be
    /// above <see cref="NavigationTimeout"/> plus <see cref="ActionTimeout"/> (an action and the page settling after it).</summary>
    /// <value>Default 90 seconds.</value>
    [SettingRange(SectionName, NoTime, OneDay, MinimumIsExclusive = true, ErrorMessage = PositiveTime)]
    public TimeSpan UnresponsiveAfter { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Viewport width in CSS pixels.</summary>
    /// <value>Default 1280; between 1 and 16384.</value>
    [SettingRange(SectionName, 1, MaxViewport, ErrorMessage = "{0} must be between {1} and {2} (got {3}).")]
    public int ViewportWidth { get; set; } = 1280;

    /// <summary>Viewport height in CSS pixels.</summary>
    /// <value>Default 800; between 1 and 16384.</value>
    [SettingRange(SectionName, 1, MaxViewport, ErrorMessage = "{0} must be between {1} and {2} (got {3}).")]
    public int ViewportHeight { get; set; } = 800;

    /// <summary>Command-line switches added after the built-in ones.</summary>
    /// <value>Default none; no entry may be blank.</value>
#pragma warning disable CA1819 // An array binds from configuration as a list; the options object is not shared mutable state.
    [Required(ErrorMessage = SectionName + ":" + nameof(ExtraArgs) + " must not be null.")]
    public string[] ExtraArgs { get; set; } = [];

    /// <summary>The largest page that is observed, in characters of captured DOM (node ids included). A larger page is
    /// measured in the browser but not captured: the observation carries <see cref="Abstractions.Observation.TooLarge"/>
    /// instead of the DOM, and a workflow on it fails with the page's size and this limit.</summary>
    /// <value>Default 16,000,000 (about 16 MB of HTML); must be positive.</value>
    [SettingRange(SectionName, 1, int.MaxValue, ErrorMessage = AtLeast)]
    public int MaxObservationChars { get; set; } = 16_000_000;

    /// <summary>The largest page that is observed, in elements (same-origin frames and open shadow roots included);
    /// a larger one is treated as <see cref="MaxObservationChars"/> describes.</summary>
    /// <value>Default 1,000,000; must be positive.</value>
    [SettingRange(SectionName, 1, int.MaxValue, ErrorMessage = AtLeast)]
    public int MaxObservationElements { get; set; } = 1_000_000;

    /// <summary>How many browser operations (open, observe, act, checkpoint) of this process may run at once; the
    /// rest wait their turn instead of starving each other into timeouts.</summary>
    /// <value>Default twice the processor count (at least 2); must be positive.</value>
    [SettingRange(SectionName, 1, int.MaxValue, ErrorMessage = AtLeast)]
    public int MaxConcurrentOperations { get; set; } = Math.Max(2, 2 * Environment.ProcessorCount);
#pragma warning restore CA1819

    /// <summary>A session nobody used for this long is closed (its context and renderers freed); its owner rebuilds it
    /// from its checkpoint if it comes back. Catches sessions whose owner went away without closing them.</summary>
    /// <value>Default 10 minutes; zero turns the sweep off; not negative, at most a day.</value>
    [SettingRange(SectionName, NoTime, OneDay, ErrorMessage = "{0} must be between {1} and {2} (got {3}); zero turns the sweep off.")]
    public TimeSpan IdleSessionTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The browser is recycled (closed at a moment no operation runs, relaunched on the next session) after this
    /// many contexts were opened in it: a long-lived Chromium grows.</summary>
    /// <value>Default 500; zero never recycles by count; not negative.</value>
    [SettingRange(SectionName, 0, int.MaxValue, ErrorMessage = "{0} must not be negative (got {3}); zero never recycles by count.")]
    public int RecycleAfterContexts { get; set; } = 500;

    /// <summary>The browser is recycled when its processes use more than this many megabytes (proportional set size).</summary>
    /// <value>Default 4096; zero never recycles by memory; not negative.</value>
    [SettingRange(SectionName, 0, int.MaxValue, ErrorMessage = "{0} must not be negative (got {3}); zero never recycles by memory.")]
    public int RecycleAboveMemoryMB { get; set; } = 4096;

    /// <summary>Fresh browser contexts (each with a blank page) kept ready, so a new workflow's session starts without
    /// waiting for Chromium to create a context, its page and their renderer. A session that restores a checkpoint's
    /// storage state does not use one. The first is made after the first session (never before the browser is needed),
    /// and each taken one is replaced a moment after its session opened. Each costs one idle renderer process.</summary>
    /// <value>Default 1; 0 turns it off; at most 8.</value>
    [SettingRange(SectionName, 0, 8, ErrorMessage = "{0} must be between {1} and {2} (got {3}).")]
    public int WarmContexts { get; set; } = 1;

    /// <summary>How often idle sessions are swept and the recycling limits checked.</summary>
    /// <value>Default 30 seconds; must be positive (at most a day).</value>
    [SettingRange(SectionName, NoTime, OneDay, MinimumIsExclusive = true, ErrorMessage = PositiveTime)]
    public TimeSpan HousekeepingPeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Hosts that honour the <c>Idempotency-Key</c> request header (IETF draft-ietf-httpapi-idempotency-key-header:
    /// a request sent again under its key is acted on once), as allow-list entries (<c>host</c>, <c>host:port</c>,
    /// <c>*.example.com</c>). The state-changing request of each action to such a host carries a key derived from the
    /// workflow's step, as does a link's GET (it may be a download, which servers count), so a request whose fate was
    /// lost with its browser is sent again under the same key instead of being taken as done. Other hosts get no header, and an uncertain request to them is never sent again.</summary>
    /// <value>Default none.</value>
    public string[] IdempotencyKeyHosts { get; set; } = [];

    /// <summary>How long a request to one of <see cref="IdempotencyKeyHosts"/> that the server answers 409 (a request
    /// with its key is still being processed: the browser that first sent it died with it in flight) is sent again,
    /// with the same body and key, before the 409 is let through to the page and the action fails naming it. The waits
    /// between tries start at 250 ms and double up to 2 s (a <c>Retry-After</c> in seconds is honoured up to 2 s).</summary>
    /// <value>Default 10 seconds; must be positive. At most half of <see cref="NavigationTimeout"/> is used: the page
    /// waits for the request sent again and must not time out first.</value>
    [SettingRange(SectionName, NoTime, OneDay, MinimumIsExclusive = true, ErrorMessage = PositiveTime)]
    public TimeSpan KeyInProgressWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The rules an annotation cannot state: <see cref="UnresponsiveAfter"/> above the timeouts it covers; each
    /// <see cref="ExtraArgs"/> entry is a switch, not blank.</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        if (UnresponsiveAfter <= NavigationTimeout + ActionTimeout)
        {
            yield return new ValidationResult(
                $"{SectionName}:{nameof(UnresponsiveAfter)} ({UnresponsiveAfter}) must be above {nameof(NavigationTimeout)} + {nameof(ActionTimeout)} ({NavigationTimeout + ActionTimeout}): a browser that is only slow would be taken for one that stopped answering.",
                [nameof(UnresponsiveAfter)]);
        }

        for (var i = 0; i < (IdempotencyKeyHosts?.Length ?? 0); i++)
        {
            var entry = IdempotencyKeyHosts![i];
            if (string.IsNullOrWhiteSpace(entry) || entry.Contains('/', StringComparison.Ordinal) || entry.Contains("://", StringComparison.Ordinal))
            {
                yield return new ValidationResult($"{SectionName}:{nameof(IdempotencyKeyHosts)}:{i} ('{entry}') must be a host, host:port or *.domain, without a scheme or path.", [nameof(IdempotencyKeyHosts)]);
            }
        }

        for (var i = 0; i < (ExtraArgs?.Length ?? 0); i++)
        {
            if (string.IsNullOrWhiteSpace(ExtraArgs![i]))
            {
                yield return new ValidationResult($"{SectionName}:{nameof(ExtraArgs)}:{i} is empty.", [nameof(ExtraArgs)]);
            }
        }
    }
}
