namespace ScribeActors.Agent.Datasets;

/// <summary>The server's verdict on a task instance after its expert solution ran.</summary>
/// <param name="Succeeded">Whether the check confirmed the objective.</param>
/// <param name="Reason">What was verified, or what failed.</param>
public sealed record DatasetOutcome(bool Succeeded, string Reason);
