namespace ScribeActors.Agent.Pruning;

/// <summary>One case for <see cref="FitEvaluation"/>: a pruned page, the node id the right answer needs, a budget.</summary>
/// <param name="Dom">The pruned page.</param>
/// <param name="TargetNodeId">The gold target's node id.</param>
/// <param name="BudgetTokens">The token budget for the DOM (0 or more).</param>
public sealed record FitSample(PrunedHtml Dom, int TargetNodeId, int BudgetTokens);
