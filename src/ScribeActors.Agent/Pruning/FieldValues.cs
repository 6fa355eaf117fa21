namespace ScribeActors.Agent.Pruning;

/// <summary>The form of value a field takes when a step types into it, judged from its markup as captured: the browser
/// refuses anything else (<c>fill</c> on a date input throws "Malformed value").</summary>
public enum FieldFormat
{
    /// <summary>Any text: a text-like input of another type, a textarea, a contenteditable element.</summary>
    Text,

    /// <summary><c>type="date"</c>: <c>yyyy-mm-dd</c>.</summary>
    Date,

    /// <summary><c>type="time"</c>: <c>hh:mm</c>, seconds optional.</summary>
    Time,

    /// <summary><c>type="month"</c>: <c>yyyy-mm</c>.</summary>
    Month,

    /// <summary><c>type="week"</c>: <c>yyyy-Www</c>.</summary>
    Week,

    /// <summary><c>type="datetime-local"</c>: <c>yyyy-mm-ddThh:mm</c>.</summary>
    DateTimeLocal,

    /// <summary><c>type="number"</c>: a decimal number.</summary>
    Number,
}

/// <summary>
/// The values a step may give an element (<see cref="PrunedHtml.ValuesOf"/>): the <see cref="Format"/> typed text must
/// have, and for a <c>&lt;select&gt;</c> the labels of its options a step can choose (enabled, non-empty, in document
/// order, each once). An element that is not a select has no options.
/// </summary>
/// <param name="Format">The form typed text must have.</param>
/// <param name="Options">A select's option labels; empty for any other element.</param>
public sealed record FieldValues(FieldFormat Format, IReadOnlyList<string> Options)
{
    /// <summary>Any text, no options: what an unknown id or an element without a constraint gets.</summary>
    public static FieldValues AnyText { get; } = new(FieldFormat.Text, []);
}
