namespace ScribeActors.Agent.Pruning;

/// <summary>A pruned DOM cut down to a token budget.</summary>
/// <param name="Html">The text to put in the prompt's observation.</param>
/// <param name="NodeIds">The node ids that occur in <paramref name="Html"/>, in document order.</param>
/// <param name="Tokens">Tokens of <paramref name="Html"/> by the counter used for fitting.</param>
/// <param name="Truncated">Whether anything of the pruned DOM was left out.</param>
/// <param name="Strategy">The fitter's <see cref="IDomFitter.Name"/>.</param>
public sealed record FittedDom(string Html, IReadOnlyList<int> NodeIds, int Tokens, bool Truncated, string Strategy);
