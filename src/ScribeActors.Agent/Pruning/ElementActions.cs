namespace ScribeActors.Agent.Pruning;

/// <summary>
/// What a step may do to a source element, judged from its markup as captured (<see cref="PrunedHtml.ActionsOf"/>):
/// the grammar offers an action only on the elements that can take it.
/// </summary>
[Flags]
public enum ElementActions
{
    /// <summary>Nothing: hidden, disabled, a hidden input, an option (a select takes the choice), or unknown.</summary>
    None = 0,

    /// <summary>A click: any shown, enabled element but an option.</summary>
    Click = 1,

    /// <summary>Typing: a text-like input (not read-only), a textarea (not read-only), a contenteditable element.</summary>
    Type = 2,

    /// <summary>Choosing an option: a <c>&lt;select&gt;</c>.</summary>
    Select = 4,
}
