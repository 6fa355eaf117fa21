namespace ScribeActors.Abstractions;

/// <summary>One step of a recorded workflow, in the ScribeAgent step format plus what replay needs to find the target.</summary>
/// <remarks>
/// <see cref="Action"/> is one of the ScribeAgent action tokens <c>mouse_click_action</c>, <c>keyboard_sequence_action</c>,
/// <c>keyboard_combination_action</c>, or a controller step: <c>select_option_action</c>, <c>scroll_action</c>,
/// <c>go_back_action</c>, <c>goto_action</c>, <c>finish_action</c>.
/// </remarks>
[GenerateSerializer, Immutable, Alias("scribe.RecordedStep")]
public sealed record RecordedStep
{
    /// <summary>1-based step number.</summary>
    [Id(0)] public int Index { get; init; }

    /// <summary>The step description, for example <c>Type "4471"</c> or <c>Click "Search"</c>.</summary>
    [Id(1)] public required string Description { get; init; }

    /// <summary>The action token (see remarks).</summary>
    [Id(2)] public required string Action { get; init; }

    /// <summary>The target's node id in the observation taken when the step was recorded.</summary>
    [Id(3)] public int? Node { get; init; }

    /// <summary>The target's opening tag as recorded, for example <c>&lt;button node="12" type="submit"&gt;</c>.</summary>
    [Id(4)] public string? Target { get; init; }

    /// <summary>Typed text, key combination, option label, URL or answer, depending on the action.</summary>
    [Id(5)] public string? Value { get; init; }

    /// <summary>What the target looked like, for locating it in a fresh page.</summary>
    [Id(6)] public TargetSignature? Signature { get; init; }

    /// <summary>The page URL when the step was recorded.</summary>
    [Id(7)] public string? Url { get; init; }

    /// <summary>Whether this step types into a password field (its signature or recorded opening tag says
    /// <c>type="password"</c>): what it types is a secret and must be a <see cref="SecretPlaceholder"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsPasswordEntry => Action == StepActions.Type && (PasswordField.Is(Signature) || PasswordField.IsTag(Target));

    /// <summary>The text this step types: its <see cref="Value"/>, or else its description (from which replay takes the
    /// quoted text).</summary>
    private string? TypedText => Value ?? Description;

    /// <summary>The secret-related problems of this step, each starting with <paramref name="label"/>: a malformed
    /// placeholder, a placeholder anywhere but in the text a typing step types, or clear text typed into a password
    /// field.</summary>
    public IEnumerable<string> ValidateSecrets(string label)
    {
        foreach (var problem in SecretPlaceholder.Validate(Value, $"{label}.value").Concat(SecretPlaceholder.Validate(Description, $"{label}.description")))
        {
            yield return problem;
        }

        if (Action != StepActions.Type && (SecretPlaceholder.Contains(Value) || SecretPlaceholder.Contains(Description)))
        {
            yield return $"{label} ({Action}) holds a secret placeholder: secrets can only be typed ({StepActions.Type}).";
        }

        if (IsPasswordEntry && Value != "" && !SecretPlaceholder.Contains(TypedText))
        {
            yield return $"{label} types clear text into a password field: write {SecretPlaceholder.Prefix}NAME{SecretPlaceholder.Suffix} " +
                         "instead and configure the secret NAME on the browser silos (`scribe record` does this for password fields).";
        }
    }
}
