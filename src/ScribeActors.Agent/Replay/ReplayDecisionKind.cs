namespace ScribeActors.Agent.Replay;

/// <summary>What a replay decision asks for.</summary>
public enum ReplayDecisionKind
{
    /// <summary>Perform <see cref="ReplayDecision.Action"/>.</summary>
    Act,

    /// <summary>The recording is complete.</summary>
    Finish,

    /// <summary>The step cannot be replayed on this page; <see cref="ReplayDecision.Error"/> says why.</summary>
    Fail,
}
