namespace ScribeActors.Agent.Evaluation;

/// <summary>The metrics of one step (definitions in <see cref="StepMetrics"/> and docs/metrics.md).</summary>
/// <param name="Valid">Whether the prediction was parsable.</param>
/// <param name="ElementCorrect">The predicted node is one of the gold element ids (or both have no node).</param>
/// <param name="ExactMatch">The predicted node equals the gold node.</param>
/// <param name="OperationCorrect">Same operation category and, for type/select/press, the same normalised value.</param>
/// <param name="OperationF1">Token-set F1 between the normalised predicted and gold operation strings.</param>
/// <param name="StepSuccess">Element correct and operation correct.</param>
/// <param name="Calibrated">Whether the step counts for calibrated exact match (gold target shown, or no target).</param>
public sealed record StepScore(bool Valid, bool ElementCorrect, bool ExactMatch, bool OperationCorrect, double OperationF1, bool StepSuccess, bool Calibrated);
