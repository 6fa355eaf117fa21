namespace ScribeActors.Agent.Pruning;

/// <summary>How a fitter did on a set of <see cref="FitSample"/>s.</summary>
/// <param name="Fitter">The fitter's name.</param>
/// <param name="Counter">The token counter's name.</param>
/// <param name="Samples">Number of samples.</param>
/// <param name="TargetKept">Samples whose gold target node id is in the fitted DOM.</param>
/// <param name="TargetKeptRate"><paramref name="TargetKept"/> / <paramref name="Samples"/>.</param>
/// <param name="MeanTokens">Mean tokens of the fitted DOMs.</param>
/// <param name="MeanBudgetUse">Mean of tokens / budget (samples with budget 0 count as 1 when nothing was returned).</param>
/// <param name="MeanMilliseconds">Mean wall time of one fit, in milliseconds.</param>
/// <param name="Truncated">Samples where the fitter left something out.</param>
/// <param name="OverBudget">Samples whose fitted DOM counted more tokens than the budget (a fitter bug; should be 0).</param>
public sealed record FitReport(
    string Fitter,
    string Counter,
    int Samples,
    int TargetKept,
    double TargetKeptRate,
    double MeanTokens,
    double MeanBudgetUse,
    double MeanMilliseconds,
    int Truncated,
    int OverBudget);
