namespace ScribeActors.Agent.Pruning;

/// <summary>
/// Whether the gold target of a step survives pruning and fitting at a token budget: a pure function the dataset
/// builder, the evaluation and the benchmarks share (no browser, no model; the token counter decides the budget).
/// </summary>
public static class GoldTargetSurvival
{
    /// <summary>The fate of <paramref name="goldNode"/> in <paramref name="dom"/> fitted to <paramref name="budgetTokens"/>.</summary>
    /// <param name="dom">The pruned page.</param>
    /// <param name="goldNode">The node id the right step names.</param>
    /// <param name="budgetTokens">Tokens for the observation (0 or more).</param>
    /// <param name="fitter">The fitter the prompt uses.</param>
    /// <param name="counter">The token counter the prompt uses.</param>
    /// <param name="objective">The step's objective, for a fitter that uses it (as the planner passes it).</param>
    /// <exception cref="ArgumentNullException">An argument but <paramref name="objective"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="budgetTokens"/> is negative.</exception>
    public static TargetFate Check(PrunedHtml dom, int goldNode, int budgetTokens, IDomFitter fitter, ITokenCounter counter, string? objective = null)
    {
        ArgumentNullException.ThrowIfNull(dom);
        ArgumentNullException.ThrowIfNull(fitter);
        ArgumentNullException.ThrowIfNull(counter);
        ArgumentOutOfRangeException.ThrowIfNegative(budgetTokens);
        if (!dom.NodeIds.Contains(goldNode))
        {
            return TargetFate.PrunedAway;
        }

        return fitter.Fit(dom, budgetTokens, counter, objective).NodeIds.Contains(goldNode) ? TargetFate.Kept : TargetFate.FittedOut;
    }

    /// <summary>The same from an observed DOM (or raw HTML): pruned with <paramref name="options"/> (default: the
    /// project's observation) and fitted by <paramref name="fitter"/> (default: <see cref="InteractiveFirstFitter"/>)
    /// counting with the options' token counter.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="dom"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="budgetTokens"/> is negative.</exception>
    public static TargetFate Check(string dom, int goldNode, int budgetTokens, string? objective = null, PruneOptions? options = null, IDomFitter? fitter = null)
    {
        ArgumentNullException.ThrowIfNull(dom);
        options ??= PruneOptions.Default;
        return Check(HtmlPruner.Prune(dom, options), goldNode, budgetTokens, fitter ?? new InteractiveFirstFitter(), options.TokenCounter, objective);
    }

    /// <summary>The share of <paramref name="steps"/> whose target is <see cref="TargetFate.Kept"/> at each budget.</summary>
    /// <returns>One <see cref="SurvivalRate"/> per budget, in the order given.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="steps"/> is empty.</exception>
    public static IReadOnlyList<SurvivalRate> Rates(
        IReadOnlyCollection<(PrunedHtml Dom, int GoldNode, string? Objective)> steps, IEnumerable<int> budgets, IDomFitter fitter, ITokenCounter counter)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(budgets);
        if (steps.Count == 0)
        {
            throw new ArgumentException("At least one step is needed to measure survival.", nameof(steps));
        }

        var rates = new List<SurvivalRate>();
        foreach (var budget in budgets)
        {
            int kept = 0, pruned = 0, fitted = 0;
            foreach (var (dom, gold, objective) in steps)
            {
                switch (Check(dom, gold, budget, fitter, counter, objective))
                {
                    case TargetFate.Kept: kept++; break;
                    case TargetFate.PrunedAway: pruned++; break;
                    default: fitted++; break;
                }
            }

            rates.Add(new SurvivalRate(budget, steps.Count, kept, pruned, fitted));
        }

        return rates;
    }
}
