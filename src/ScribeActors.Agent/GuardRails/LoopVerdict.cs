namespace ScribeActors.Agent.GuardRails;

/// <summary>What <see cref="LoopRule"/> found: a run that goes round in circles.</summary>
/// <param name="Kind">Which check fired.</param>
/// <param name="Steps">The 0-based indexes of the steps that make the loop, oldest first.</param>
/// <param name="ModelChosen">Whether a model chose any of those steps (otherwise a recording prescribed them all).</param>
/// <param name="Reason">The failure reason, naming the action, the element or page and the count.</param>
public sealed record LoopVerdict(LoopKind Kind, IReadOnlyList<int> Steps, bool ModelChosen, string Reason);

/// <summary>The checks of <see cref="LoopRule"/>.</summary>
public enum LoopKind
{
    /// <summary>The same action on the same element, again and again.</summary>
    RepeatedAction,

    /// <summary>Step after step that left the page as it was.</summary>
    UnchangedPage,
}
