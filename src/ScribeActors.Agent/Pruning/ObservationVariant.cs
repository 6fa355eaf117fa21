namespace ScribeActors.Agent.Pruning;

/// <summary>Which observation <see cref="HtmlPruner.Prune"/> writes.</summary>
public enum ObservationVariant
{
    /// <summary>
    /// ScribeActors' own observation, the one its models train and run on: the reference's rules plus element state
    /// (<c>checked</c>, <c>selected</c>, <c>disabled</c>, <c>readonly</c>, <c>open</c>, <c>aria-expanded</c>, field
    /// values as captured), visibility (hidden content dropped), a clickable <c>&lt;summary&gt;</c>, <c>&lt;dialog&gt;</c>
    /// and the <c>for</c> of a label. See <see cref="HtmlPruner"/> for the exact rules.
    /// </summary>
    Project,

    /// <summary>The reference's Variant A, byte for byte (ScribeAgent §3.1), for models trained on the reference's data.</summary>
    Reference,
}
