namespace ScribeActors.Agent.Pruning;

/// <summary>What became of a step's gold target on the way to the prompt.</summary>
public enum TargetFate
{
    /// <summary>The target's node id is in the fitted observation: the model can name it.</summary>
    Kept,

    /// <summary>The pruner removed it (an empty element, a tag outside the valid set, hidden content): no budget helps.</summary>
    PrunedAway,

    /// <summary>The pruned page had it, the fitter left it out to meet the budget.</summary>
    FittedOut,
}
