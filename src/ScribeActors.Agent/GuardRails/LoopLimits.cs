namespace ScribeActors.Agent.GuardRails;

/// <summary>The limits <see cref="LoopRule"/> applies; the workflow options supply them.</summary>
/// <param name="MaxRepeatedActions">Performed steps in a row with the same action on the same element (same kind, node,
/// text and page) that make a loop. Default 3.</param>
/// <param name="MaxUnchangedSteps">Performed steps in a row that left the page as it was (same URL, same DOM content) that
/// make a loop. Default 6.</param>
public sealed record LoopLimits(int MaxRepeatedActions = LoopLimits.DefaultMaxRepeatedActions, int MaxUnchangedSteps = LoopLimits.DefaultMaxUnchangedSteps)
{
    /// <summary>The default of <see cref="MaxRepeatedActions"/>.</summary>
    public const int DefaultMaxRepeatedActions = 3;

    /// <summary>The default of <see cref="MaxUnchangedSteps"/>.</summary>
    public const int DefaultMaxUnchangedSteps = 6;
}
