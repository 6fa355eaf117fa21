namespace ScribeActors.Agent.Pruning;

/// <summary>Argument checks shared by the fitters.</summary>
internal static class FitArguments
{
    public static void Check(PrunedHtml dom, int budgetTokens, ITokenCounter counter)
    {
        ArgumentNullException.ThrowIfNull(dom);
        ArgumentNullException.ThrowIfNull(counter);
        if (budgetTokens < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(budgetTokens), budgetTokens, "The token budget must be 0 or more.");
        }
    }
}
