namespace ScribeActors.Agent;

/// <summary>The result of looking for a recorded target in a page.</summary>
/// <param name="NodeId">The node id of the chosen element, or <see langword="null"/> when no element scored at least the minimum.</param>
/// <param name="Score">The chosen element's score, or the best candidate's score on a miss (0 when there was no candidate), in [0, 1].</param>
/// <param name="Reason">Why this element was chosen or why none was: what was looked for and how the best candidate compared.</param>
public sealed record TargetMatch(int? NodeId, double Score, string Reason)
{
    /// <summary>Whether an element was found.</summary>
    public bool Found => NodeId is not null;
}
