using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Secrets;

/// <summary>Which secrets a workflow names: the placeholders of its objective and of its recorded steps.</summary>
public static class SecretUsage
{
    /// <summary>The distinct secret names <paramref name="spec"/> uses (compared ignoring case, first spelling kept), in
    /// order of appearance: objective first, then the recorded steps. A model workflow can only know the placeholders its
    /// objective shows it, so these are all the secrets it may type.</summary>
    public static IReadOnlyList<string> Names(WorkflowSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var texts = new List<string?> { spec.Objective };
        foreach (var step in spec.StepSource?.Replay?.Steps ?? [])
        {
            texts.Add(step?.Value);
            texts.Add(step?.Description);
        }

        return [.. texts.SelectMany(SecretPlaceholder.Names).Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
