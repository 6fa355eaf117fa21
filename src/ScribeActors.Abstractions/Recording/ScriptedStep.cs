namespace ScribeActors.Abstractions;

/// <summary>
/// One step of a hand-written expert script: the target is named by a Playwright selector that does not depend on
/// layout details (for example <c>role=button[name="Sign in"]</c> or <c>label=Amount</c>). A recorder runs scripts in a
/// real browser and turns them into <see cref="RecordedWorkflow"/>s.
/// </summary>
[GenerateSerializer, Immutable, Alias("scribe.ScriptedStep")]
public sealed record ScriptedStep
{
    /// <summary>The step description written into the recording.</summary>
    [Id(0)] public required string Description { get; init; }

    /// <summary>The action token (see <see cref="RecordedStep.Action"/>).</summary>
    [Id(1)] public required string Action { get; init; }

    /// <summary>A Playwright selector for the target; <see langword="null"/> for page-level steps.</summary>
    [Id(2)] public string? Selector { get; init; }

    /// <summary>Text, key, option, URL or answer, depending on the action.</summary>
    [Id(3)] public string? Value { get; init; }
}
