namespace ScribeActors.Agent.Pruning;

/// <summary>How many gold targets survived at one budget.</summary>
/// <param name="Budget">The observation budget in tokens.</param>
/// <param name="Steps">Steps measured.</param>
/// <param name="Kept">Targets in the fitted observation.</param>
/// <param name="PrunedAway">Targets the pruner removed.</param>
/// <param name="FittedOut">Targets the fitter left out.</param>
public sealed record SurvivalRate(int Budget, int Steps, int Kept, int PrunedAway, int FittedOut)
{
    /// <summary><see cref="Kept"/> / <see cref="Steps"/>.</summary>
    public double Rate => Steps == 0 ? 0 : (double)Kept / Steps;
}
