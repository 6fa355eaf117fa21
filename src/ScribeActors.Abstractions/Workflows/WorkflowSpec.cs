namespace ScribeActors.Abstractions;

/// <summary>What a workflow should do. Immutable once the workflow started.</summary>
[GenerateSerializer, Immutable, Alias("scribe.WorkflowSpec")]
public sealed record WorkflowSpec
{
    /// <summary>The default for <see cref="MaxSteps"/>.</summary>
    public const int DefaultMaxSteps = 30;

    /// <summary>The largest accepted <see cref="MaxSteps"/>.</summary>
    public const int MaxStepsLimit = 1000;

    /// <summary>The longest accepted <see cref="MaxDuration"/>: 7 days.</summary>
    public static readonly TimeSpan MaxDurationLimit = TimeSpan.FromDays(7);

    /// <summary>The objective in plain language. Credentials are named by placeholders (<c>{{secret:NAME}}</c>, see
    /// <see cref="SecretPlaceholder"/>), never written out: the objective is stored, indexed, logged and shown to models.</summary>
    [Id(0)] public required string Objective { get; init; }

    /// <summary>The absolute http(s) URL of the first page.</summary>
    [Id(1)] public required string StartUrl { get; init; }

    /// <summary>Hosts navigations may reach (<c>host</c> or <c>host:port</c>). Empty means: only the start URL's host.</summary>
    [Id(2)] public string[] AllowedHosts { get; init; } = [];

    /// <summary>Stop with a failure after this many steps. Default <see cref="DefaultMaxSteps"/>.</summary>
    [Id(3)] public int MaxSteps { get; init; } = DefaultMaxSteps;

    /// <summary>Where steps come from.</summary>
    [Id(4)] public required StepSourceSpec StepSource { get; init; }

    /// <summary>Free-form labels (for example the schedule that started the workflow).</summary>
    [Id(5)] public Dictionary<string, string> Labels { get; init; } = new(StringComparer.Ordinal);

    /// <summary>What must hold before the step source's finish is taken as success (see <see cref="SuccessCriteria"/>).
    /// <see langword="null"/> or empty: a finish ends the workflow <see cref="WorkflowStatus.Succeeded"/> with
    /// <see cref="SuccessVerification.Unverified"/>.</summary>
    [Id(6)] public SuccessCriteria? Success { get; init; }

    /// <summary>The workflow's time budget: it stops with a failure once this much wall-clock time has passed since it
    /// started (a deadline: time spent paused, waiting for storage or resuming after a crash counts too). At most
    /// <see cref="MaxDurationLimit"/>. Default <see langword="null"/>: no time budget, only <see cref="MaxSteps"/>.</summary>
    [Id(7)] public TimeSpan? MaxDuration { get; init; }

    /// <summary>The hosts actually allowed: <see cref="AllowedHosts"/>, or the start URL's host when that is empty.</summary>
    public IReadOnlyList<string> EffectiveAllowedHosts =>
        AllowedHosts.Length > 0
            ? AllowedHosts
            : Uri.TryCreate(StartUrl, UriKind.Absolute, out var u) ? [HostPattern.Of(u)] : [];

    /// <summary>Checks the spec and returns every problem found, each naming the field; empty when the spec is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Objective))
        {
            errors.Add("Objective is empty.");
        }

        errors.AddRange(SecretPlaceholder.Validate(Objective, "Objective"));
        if (SecretPlaceholder.Contains(StartUrl))
        {
            errors.Add("StartUrl holds a secret placeholder: secrets can only be typed into a page, never put into a URL.");
        }

        if (!Uri.TryCreate(StartUrl, UriKind.Absolute, out var start))
        {
            errors.Add($"StartUrl '{StartUrl}' is not an absolute URL.");
        }
        else if (start.Scheme is not ("http" or "https"))
        {
            errors.Add($"StartUrl '{StartUrl}' must use http or https, not '{start.Scheme}'.");
        }
        else if (!HostPattern.IsAllowed(start, EffectiveAllowedHosts))
        {
            errors.Add($"StartUrl host '{HostPattern.Of(start)}' is not in AllowedHosts [{string.Join(", ", AllowedHosts)}].");
        }

        foreach (var host in AllowedHosts)
        {
            if (string.IsNullOrWhiteSpace(host) || host.Contains('/', StringComparison.Ordinal) || host.Contains(' ', StringComparison.Ordinal))
            {
                errors.Add($"AllowedHosts entry '{host}' is not a host or host:port.");
            }
        }

        if (MaxSteps is < 1 or > MaxStepsLimit)
        {
            errors.Add($"MaxSteps {MaxSteps} is outside 1..{MaxStepsLimit}.");
        }

        if (MaxDuration is { } budget && (budget <= TimeSpan.Zero || budget > MaxDurationLimit))
        {
            errors.Add($"MaxDuration {budget} is outside (0, {MaxDurationLimit}]: give a positive time budget of at most 7 days, or none.");
        }

        if (StepSource is null)
        {
            errors.Add("StepSource is missing.");
        }
        else if (StepSource.Kind == StepSourceKind.Replay)
        {
            if (StepSource.Replay is null)
            {
                errors.Add("StepSource.Replay is missing: a replay workflow needs a recording.");
            }
            else if (StepSource.Replay.Steps is null || StepSource.Replay.Steps.Length == 0)
            {
                errors.Add("StepSource.Replay has no steps.");
            }
            else
            {
                for (var i = 0; i < StepSource.Replay.Steps.Length; i++)
                {
                    errors.AddRange(StepSource.Replay.Steps[i]?.ValidateSecrets($"StepSource.Replay.Steps[{i}]") ?? []);
                }
            }
        }
        else if (StepSource.Kind == StepSourceKind.Model && StepSource.Model is null)
        {
            errors.Add("StepSource.Model is missing: a model workflow needs a model id.");
        }
        else if (!Enum.IsDefined(StepSource.Kind))
        {
            errors.Add($"StepSource.Kind '{StepSource.Kind}' is unknown.");
        }

        if (StepSource?.Model is { } model)
        {
            errors.AddRange(model.Validate());
        }

        if (Success is not null)
        {
            errors.AddRange(Success.Validate(EffectiveAllowedHosts));
        }

        return errors;
    }
}
