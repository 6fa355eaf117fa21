namespace ScribeActors.Grains.Workflows;

/// <summary>The kinds of <see cref="StepDecision"/>.</summary>
public enum StepDecisionKind
{
    /// <summary>Perform the action.</summary>
    Act,

    /// <summary>The objective is reached.</summary>
    Finish,

    /// <summary>The source cannot decide on this page.</summary>
    Fail,
}
