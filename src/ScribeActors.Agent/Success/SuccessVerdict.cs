namespace ScribeActors.Agent.Success;

/// <summary>What <see cref="SuccessRule"/> says about a finish.</summary>
/// <param name="Met">Whether the finish may end the workflow as succeeded.</param>
/// <param name="Verified">Whether criteria were checked (false: there were none, and the success is the step source's word).</param>
/// <param name="Reason">Each criterion and what was seen: what held when met, what failed (and what held) when not,
/// or why the success is unverified.</param>
public sealed record SuccessVerdict(bool Met, bool Verified, string Reason);
