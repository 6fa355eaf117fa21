namespace ScribeActors.DemoSites.Tasks;

/// <summary>The outcome of a task's server-side check.</summary>
/// <param name="Succeeded">Whether the objective is reached.</param>
/// <param name="Reason">What was verified, or every expectation that failed.</param>
public sealed record TaskCheck(bool Succeeded, string Reason);
