using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Evaluation;

/// <summary>
/// Step-level metrics of ScribeActors (scribeagent-format.md §6.1-6.2; the full write-up is docs/metrics.md).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><b>Element accuracy</b>: the predicted node is one of the gold element ids (<see cref="StepGold.Node"/> or
/// <see cref="StepGold.AlternativeNodes"/>); for a gold step without a target, the prediction has no node either.</item>
/// <item><b>Exact match (EM)</b>: the predicted node equals <see cref="StepGold.Node"/> (the action is not compared).</item>
/// <item><b>Calibrated exact match (CEM)</b>: EM over the steps whose gold target was in the observation shown
/// (<see cref="StepGold.TargetInObservation"/>); steps without a target always count.</item>
/// <item><b>Operation</b>: the string <c>{category}</c> or <c>{category} {value}</c>, category one of click, type,
/// press, select, scroll, back, goto, finish (from the action token); the value (typed text, option, key combination)
/// only for type, select and press. <b>Operation F1</b>: token-set F1 of the two operation strings after
/// normalisation (lower case, every non-letter/digit a separator): precision = shared tokens / predicted tokens,
/// recall = shared / gold, F1 = 2PR/(P+R), 0 when nothing is shared. <b>Operation correct</b>: same category and, for
/// type/select/press, equal normalised values.</item>
/// <item><b>Step success</b>: element correct and operation correct. An unparsable prediction fails every metric.</item>
/// </list>
/// Differences: the reference's Mind2Web op-F1 compares Descriptions (max over several reformattings) and its step
/// success ignores the typed value; Mind2Web's official op-F1 scores <c>OP value</c> strings as here, but has only
/// CLICK/TYPE/SELECT and no key, scroll or navigation operations.
/// </remarks>
public static class StepMetrics
{
    /// <summary>Scores one prediction against its gold step.</summary>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static StepScore Score(StepPrediction predicted, StepGold gold)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(gold);
        var calibrated = gold.TargetInObservation || gold.Node is null;
        if (!predicted.IsValid)
        {
            return new StepScore(false, false, false, false, 0, false, calibrated);
        }

        var element = gold.IsElement(predicted.Node);
        var exact = predicted.Node == gold.Node;
        var predictedCategory = Category(predicted.Action!);
        var goldCategory = Category(gold.Action);
        var operationCorrect = predictedCategory == goldCategory
            && (!CarriesValue(gold.Action) || Normalize(predicted.Value) == Normalize(gold.Value));
        var f1 = TokenF1(Operation(predicted.Action!, predicted.Value), Operation(gold.Action, gold.Value));
        return new StepScore(true, element, exact, operationCorrect, f1, element && operationCorrect, calibrated);
    }

    /// <summary>The operation category of an action token: click, type, press, select, scroll, back, goto, finish; an
    /// unknown token is its own (lower-cased, trimmed) category, so it never matches a known one.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="action"/> is <see langword="null"/>.</exception>
    public static string Category(string action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return action switch
        {
            StepActions.Click => "click",
            StepActions.Type => "type",
            StepActions.KeyCombination => "press",
            StepActions.SelectOption => "select",
            StepActions.Scroll => "scroll",
            StepActions.GoBack => "back",
            StepActions.Goto => "goto",
            StepActions.Finish => "finish",
            _ => action.Trim().ToLowerInvariant(),
        };
    }

    /// <summary>Whether the action's operation carries a value that the metrics compare (type, select, press).</summary>
    public static bool CarriesValue(string action) => action is StepActions.Type or StepActions.SelectOption or StepActions.KeyCombination;

    /// <summary>The operation string: the category, followed by the value for type/select/press when there is one.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="action"/> is <see langword="null"/>.</exception>
    public static string Operation(string action, string? value)
    {
        var category = Category(action);
        return CarriesValue(action) && !string.IsNullOrWhiteSpace(value) ? category + " " + value.Trim() : category;
    }

    /// <summary>Token-set F1 between two strings after <see cref="Normalize"/>: 1 when both have no tokens, 0 when only
    /// one has none.</summary>
    public static double TokenF1(string? predicted, string? gold)
    {
        var p = Tokens(predicted);
        var g = Tokens(gold);
        if (p.Count == 0 || g.Count == 0)
        {
            return p.Count == g.Count ? 1 : 0;
        }

        var shared = p.Count(g.Contains);
        if (shared == 0)
        {
            return 0;
        }

        var precision = (double)shared / p.Count;
        var recall = (double)shared / g.Count;
        return 2 * precision * recall / (precision + recall);
    }

    /// <summary>The comparison form of a value: lower case, letters and digits only, one space between words
    /// (<c>"New-York!"</c> → <c>new york</c>); empty for <see langword="null"/>.</summary>
    public static string Normalize(string? text) => TextNormalizer.Fold(text);

    /// <summary>The value <see cref="ActionMapper"/> reads from a step for type/select/press, or <see langword="null"/>.</summary>
    internal static string? ValueOf(ScribeStep step)
    {
        if (!CarriesValue(step.Action))
        {
            return null;
        }

        var mapping = ActionMapper.Map(step.Action, step.Node, step.Description, null, step.Target);
        return mapping.Action?.Text;
    }

    private static HashSet<string> Tokens(string? text) =>
        [.. Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries)];
}
