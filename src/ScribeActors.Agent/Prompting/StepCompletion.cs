using System.Globalization;
using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Prompting;

/// <summary>Turns a model's generated step (the four lines <see cref="StepGrammar"/> allows, or a full five-line block
/// from a model run without the grammar) into a checked <see cref="ScribeStep"/> whose Target is copied from the page.</summary>
public static class StepCompletion
{
    private static readonly string[] StrayMarkers = ["</s>", "<|im_end|>", "<|endoftext|>"];

    /// <summary>Parses and checks a generated step, then fills its Target from the page.</summary>
    /// <param name="generated">The generated text: <c>{k}.</c>, <c>Description: …</c>, <c>Action: …</c>, <c>Node: …</c>,
    /// optionally followed by a <c>Target: …</c> line (models without the grammar write one; it is read only for the
    /// reference's <c>node="…"</c> fallback and then discarded). CRLF line ends, surrounding whitespace and stray
    /// <c>&lt;/s&gt;</c>, <c>&lt;|im_end|&gt;</c>, <c>&lt;|endoftext|&gt;</c> markers are tolerated; anything else after the
    /// Node (or Target) line is an error.</param>
    /// <param name="expectedStepNumber">The number the step must carry (history length + 1).</param>
    /// <param name="shownNodeIds">The node ids of the observation the model was shown; the step's node must be one of them.</param>
    /// <param name="targetTag">The opening tag of a node on the page (the same cleaned tag the history uses); called once,
    /// only for a step with a node.</param>
    /// <returns>The step, with <see cref="ScribeStep.Target"/> = <paramref name="targetTag"/>(node), or <see langword="null"/>
    /// for a step without a node.</returns>
    /// <remarks>
    /// The Node line may repeat the id (<c>Node: 7 7 7 7 7</c>, the label form); every repeat must be the same id. When
    /// the Node line holds no decimal id but a Target line with <c>node="…"</c> is present, that id is taken, as the
    /// reference does (§2.5). Actions are checked against <see cref="StepActions.All"/> with the grammar's node rules:
    /// click, type and select need a node; key combination and scroll may have one; go back, goto and finish must not.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="generated"/>, <paramref name="shownNodeIds"/> or
    /// <paramref name="targetTag"/> is <see langword="null"/>.</exception>
    /// <exception cref="StepFormatException">The text is not a step; the step number is not the expected one; the action
    /// is unknown or does not fit the Node line; the repeats of the id differ; or the node is not on the page shown.
    /// <see cref="StepFormatException.Line"/> names the offending line.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="targetTag"/> returns no tag for a node of
    /// <paramref name="shownNodeIds"/> (the page and its id list disagree).</exception>
    public static ScribeStep Complete(string generated, int expectedStepNumber, IReadOnlyCollection<int> shownNodeIds, Func<int, string?> targetTag)
    {
        ArgumentNullException.ThrowIfNull(generated);
        ArgumentNullException.ThrowIfNull(shownNodeIds);
        ArgumentNullException.ThrowIfNull(targetTag);

        var lines = Lines(generated);
        var parsed = ScribeStep.Parse(string.Join('\n', lines));
        if (parsed.Number != expectedStepNumber)
        {
            throw new StepFormatException("Number", $"The step is numbered {parsed.Number}, but the next step is {expectedStepNumber}.");
        }

        if (!StepActions.All.Contains(parsed.Action))
        {
            throw new StepFormatException("Action", $"Unknown action \"{TextNormalizer.Preview(parsed.Action)}\"; known actions: {string.Join(", ", StepActions.All)}.");
        }

        CheckRepeats(lines[3], parsed.Node);
        var rule = StepNodeRules.For(parsed.Action);
        if (parsed.Node is not { } node)
        {
            return rule == StepNodeRule.Required
                ? throw new StepFormatException("Node", $"{parsed.Action} needs a node id, but the Node line is \"{ScribeStep.None}\".")
                : parsed with { Target = null };
        }

        if (rule == StepNodeRule.None)
        {
            throw new StepFormatException("Node", $"{parsed.Action} takes no node (its Node line is \"{ScribeStep.None}\"), but the step names node {node}.");
        }

        if (!shownNodeIds.Contains(node))
        {
            throw new StepFormatException(
                "Node",
                $"Node {node} is not on the page shown to the model (the observation has {shownNodeIds.Count} node id{(shownNodeIds.Count == 1 ? "" : "s")}); the step cannot target it.");
        }

        var tag = targetTag(node);
        return string.IsNullOrWhiteSpace(tag)
            ? throw new InvalidOperationException($"The page has no opening tag for node {node}, although node {node} is among the ids shown to the model.")
            : parsed with { Target = tag };
    }

    /// <summary>The cleaned lines, always five: a missing Target line becomes <c>Target: none</c>.</summary>
    private static string[] Lines(string generated)
    {
        var cleaned = generated.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        foreach (var marker in StrayMarkers)
        {
            cleaned = cleaned.Replace(marker, "", StringComparison.Ordinal);
        }

        var lines = cleaned.Trim().Split('\n').Select(l => l.Trim()).ToList();
        if (lines.Count == 4 && lines[3].StartsWith("Node:", StringComparison.Ordinal))
        {
            lines.Add("Target: " + ScribeStep.None);
        }

        var extra = lines.Count > 5 ? 5 : lines.Count == 5 && !lines[4].StartsWith("Target:", StringComparison.Ordinal) ? 4 : -1;
        if (extra >= 0)
        {
            throw new StepFormatException(null, $"Unexpected text after the step (line {extra + 1}): \"{TextNormalizer.Preview(lines[extra])}\"; a generated step ends with its Node line, optionally followed by a Target line.");
        }

        // Fewer than four lines: ScribeStep.Parse names the missing line.
        return [.. lines];
    }

    private static void CheckRepeats(string nodeLine, int? node)
    {
        if (node is null)
        {
            return;
        }

        var tokens = nodeLine["Node:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length == 0 || !tokens[0].All(char.IsAsciiDigit))
        {
            return; // the id came from the Target line's node="…" (the reference's fallback)
        }

        var odd = tokens.FirstOrDefault(t => !int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var repeat) || repeat != node.Value);
        if (odd is not null)
        {
            throw new StepFormatException("Node", $"The Node line \"{TextNormalizer.Preview(nodeLine)}\" repeats different ids ({node.Value} and {TextNormalizer.Preview(odd)}); every repeat must be the same id.");
        }
    }
}
