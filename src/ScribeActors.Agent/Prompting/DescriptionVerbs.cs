namespace ScribeActors.Agent.Prompting;

/// <summary>
/// The verb each kind of quoting Description starts with, when the grammar holds a model to the form of the recordings
/// it was trained on (<see cref="StepGrammarOptions.Verbs"/>): <c>Click "Approval queue"</c>, <c>Type "alice"</c>,
/// <c>Select "Meals"</c>, <c>Press "Enter"</c>, <c>Answer "INV-3076"</c>. With a fixed verb a Description says which
/// kind of step it is before its quoted part, so a value one route refuses cannot be finished through another.
/// </summary>
/// <param name="Click">The verb of a click on a named element.</param>
/// <param name="Type">The verb of a type into a field.</param>
/// <param name="Select">The verb of a select.</param>
/// <param name="Press">The verb of a key combination.</param>
/// <param name="Answer">The verb of a finish with an answer.</param>
public sealed record DescriptionVerbs(string Click, string Type, string Select, string Press, string Answer)
{
    /// <summary>The form of the project's recordings (the demo tasks' expert steps, <c>scribe dataset build</c>).</summary>
    public static DescriptionVerbs Recorded { get; } = new("Click", "Type", "Select", "Press", "Answer");

    /// <summary>The length of the longest verb, in characters.</summary>
    public int Longest => new[] { Click, Type, Select, Press, Answer }.Max(v => v.Length);
}
