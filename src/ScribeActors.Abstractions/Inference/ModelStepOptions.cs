namespace ScribeActors.Abstractions;

/// <summary>How a model step is decoded and how the observation is fitted into the context.</summary>
[GenerateSerializer, Immutable, Alias("scribe.ModelStepOptions")]
public sealed record ModelStepOptions
{
    /// <summary>The fitter names accepted by <see cref="Fitter"/>.</summary>
    public static IReadOnlyList<string> Fitters { get; } = ["interactive", "tail"];

    /// <summary>Sampling temperature; 0 decodes greedily.</summary>
    [Id(0)] public float Temperature { get; init; }

    /// <summary>Nucleus sampling threshold.</summary>
    [Id(1)] public float TopP { get; init; } = 0.95f;

    /// <summary>Random seed (sampling is reproducible for one seed and model).</summary>
    [Id(2)] public int Seed { get; init; } = 42;

    /// <summary>Most tokens the model may write for one step (also reserved from the context when fitting). The grammar
    /// bounds the Description so that a step fits in this many tokens even when every character is a token.</summary>
    [Id(3)] public int MaxOutputTokens { get; init; } = 160;

    /// <summary>How the pruned DOM is cut to the budget: <c>interactive</c> (keeps interactive elements and their
    /// ancestors, collapses long lists) or <c>tail</c> (the reference's document tail).</summary>
    [Id(4)] public string Fitter { get; init; } = "interactive";

    /// <summary>How often the generated Node line repeats the id: 1 (history form) or 5 (the reference's label form).</summary>
    [Id(5)] public int NodeRepeat { get; init; } = 1;

    /// <summary>How many times an output that does not parse or names a node not on the page is generated again
    /// (with another seed) before the step fails. Only outputs of backends that cannot enforce the grammar can be invalid.</summary>
    [Id(6)] public int MaxInvalidRetries { get; init; } = 2;

    /// <summary>Whether the model may end the workflow with a finish step. False runs it until the step limit
    /// (exploration, data collection, benchmarks).</summary>
    [Id(7)] public bool AllowFinish { get; init; } = true;

    /// <summary>The Description forms accepted by <see cref="DescriptionForm"/>.</summary>
    public static IReadOnlyList<string> DescriptionForms { get; } = ["recorded", "free"];

    /// <summary>Whether text the model types is copied from the objective: a text field takes a run of the objective's
    /// whole words, a date or number field one of its runs of that form, a select the options the objective names (each
    /// when it has any), so a model cannot enter a value the task never gave. On by default, with <see cref="DescriptionForm"/> <c>recorded</c> (measured on the
    /// bundled model, held-out steps: step success 70.4 % → 77.7 %; docs/learning.md); turn it off for objectives that
    /// ask the model to write text of its own.</summary>
    [Id(8)] public bool TypedTextFromObjective { get; init; } = true;

    /// <summary>The form of the Descriptions the model writes: <c>recorded</c> (the project's recordings: a quoting
    /// Description starts with its verb, <c>Click "…"</c>, <c>Type "…"</c>, <c>Select "…"</c>, <c>Press "…"</c>,
    /// <c>Answer "…"</c>) or <c>free</c> (any text before the quoted part, for models trained on the reference's
    /// Descriptions).</summary>
    [Id(9)] public string DescriptionForm { get; init; } = "recorded";

    /// <summary>Every problem with these options, each naming the field; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Temperature is < 0 or > 5 || float.IsNaN(Temperature))
        {
            errors.Add($"Temperature {Temperature} is outside 0..5.");
        }

        if (TopP is <= 0 or > 1 || float.IsNaN(TopP))
        {
            errors.Add($"TopP {TopP} is outside (0, 1].");
        }

        if (MaxOutputTokens is < 96 or > 4096)
        {
            errors.Add($"MaxOutputTokens {MaxOutputTokens} is outside 96..4096 (a step block needs about 80 tokens besides its description).");
        }

        if (!Fitters.Contains(Fitter, StringComparer.Ordinal))
        {
            errors.Add($"Fitter '{Fitter}' is unknown; use one of: {string.Join(", ", Fitters)}.");
        }

        if (NodeRepeat is not (1 or 5))
        {
            errors.Add($"NodeRepeat {NodeRepeat} must be 1 or 5.");
        }

        if (!DescriptionForms.Contains(DescriptionForm, StringComparer.Ordinal))
        {
            errors.Add($"DescriptionForm '{DescriptionForm}' is unknown; use one of: {string.Join(", ", DescriptionForms)}.");
        }

        if (MaxInvalidRetries is < 0 or > 10)
        {
            errors.Add($"MaxInvalidRetries {MaxInvalidRetries} is outside 0..10.");
        }

        return errors;
    }
}
