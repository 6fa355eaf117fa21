namespace ScribeActors.Agent.Pruning;

/// <summary>Fits a pruned DOM into a token budget (the observation part of the prompt, ScribeAgent §3.5).</summary>
/// <remarks>Implementations are stateless and thread-safe; they never throw for a budget that is too small, they
/// return what fits (possibly the empty string) with <see cref="FittedDom.Truncated"/> set.</remarks>
public interface IDomFitter
{
    /// <summary>A short name for reports, for example <c>tail</c>.</summary>
    string Name { get; }

    /// <summary>Returns the part of <paramref name="dom"/> chosen by this strategy that counts at most
    /// <paramref name="budgetTokens"/> tokens with <paramref name="counter"/>; the whole DOM when it fits.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="dom"/> or <paramref name="counter"/> is
    /// <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="budgetTokens"/> is negative.</exception>
    FittedDom Fit(PrunedHtml dom, int budgetTokens, ITokenCounter counter);

    /// <summary>The same for a step whose objective is <paramref name="objective"/>: a fitter may use it to choose what
    /// to keep (by default it is not used).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="dom"/> or <paramref name="counter"/> is
    /// <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="budgetTokens"/> is negative.</exception>
    FittedDom Fit(PrunedHtml dom, int budgetTokens, ITokenCounter counter, string? objective) => Fit(dom, budgetTokens, counter);
}
