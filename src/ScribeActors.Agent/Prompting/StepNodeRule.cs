using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Prompting;

/// <summary>Whether an action's Node line carries a node id, <c>none</c>, or either; shared by the grammar and the
/// completion check so both accept the same steps.</summary>
internal enum StepNodeRule
{
    /// <summary>Click, type, select: the Node line is an id of the page.</summary>
    Required,

    /// <summary>Key combination (on the focused element or a node) and scroll (the page, or a node into view).</summary>
    Optional,

    /// <summary>Go back, goto, finish: the Node line is <c>none</c>.</summary>
    None,
}

/// <summary>The <see cref="StepNodeRule"/> of each action token.</summary>
internal static class StepNodeRules
{
    /// <summary>The rule for a known action token (see <see cref="StepActions.All"/>).</summary>
    public static StepNodeRule For(string action) => action switch
    {
        _ when StepActions.NeedsTarget(action) => StepNodeRule.Required,
        StepActions.KeyCombination or StepActions.Scroll => StepNodeRule.Optional,
        _ => StepNodeRule.None,
    };
}
