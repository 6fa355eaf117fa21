using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ScribeActors.Abstractions;

/// <summary>
/// One step in the ScribeAgent 5-line block format (scribeagent-format.md §2.4):
/// <c>{k}.\nDescription: {d}\nAction: {a}\nNode: {id}\nTarget: {opening tag}\n</c>.
/// </summary>
/// <param name="Number">The 1-based step number.</param>
/// <param name="Description">The step text, for example <c>Click "Save"</c>.</param>
/// <param name="Action">The action token, for example <c>mouse_click_action</c> (see <c>StepActions</c>); not validated here.</param>
/// <param name="Node">The target's node id; <see langword="null"/> for steps without a target (controller steps).</param>
/// <param name="Target">The target's opening tag; <see langword="null"/> for steps without a target.</param>
/// <remarks>
/// A step without a node renders <c>Node: none</c>, and one without a target <c>Target: none</c>; <see cref="Parse"/>
/// reads both back as <see langword="null"/>. The model's vocabulary only has steps with a target, so <c>none</c>
/// appears only in controller steps (scroll, go back, goto, finish) of recorded workflows and histories.
/// It is the one shape of a step between the model, the workflow and evaluation: the inference grain's contract
/// carries it (history in, step out) instead of its text.</remarks>
[GenerateSerializer, Immutable, Alias("scribe.ScribeStep")]
public sealed partial record ScribeStep(
    [property: Id(0)] int Number,
    [property: Id(1)] string Description,
    [property: Id(2)] string Action,
    [property: Id(3)] int? Node,
    [property: Id(4)] string? Target)
{
    /// <summary>What a missing node or target renders as.</summary>
    public const string None = "none";

    // Tokens a generation may leave around a block: the stray end-of-sequence of the reference's models and the Qwen
    // end markers that follow a training label.
    private static readonly string[] StrayMarkers = ["</s>", "<|im_end|>", "<|endoftext|>"];

    private static readonly string[] LineNames = ["Number", "Description", "Action", "Node", "Target"];

    /// <summary>
    /// Renders the block, ending with a newline. <paramref name="nodeRepeat"/> 1 gives the history form
    /// (<c>Node: 7</c>), 5 the training label form (<c>Node: 7 7 7 7 7</c>). Whitespace runs (newlines included) in the
    /// description, action and target become one space so the block always has exactly five lines.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="nodeRepeat"/> is less than 1.</exception>
    public string Render(int nodeRepeat = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nodeRepeat, 1);
        var node = Node is { } id
            ? string.Join(' ', Enumerable.Repeat(id.ToString(CultureInfo.InvariantCulture), nodeRepeat))
            : None;
        var target = string.IsNullOrWhiteSpace(Target) ? None : StepText.Collapse(Target);
        return new StringBuilder()
            .Append(Number.ToString(CultureInfo.InvariantCulture)).Append(".\n")
            .Append("Description: ").Append(StepText.Collapse(Description)).Append('\n')
            .Append("Action: ").Append(StepText.Collapse(Action)).Append('\n')
            .Append("Node: ").Append(node).Append('\n')
            .Append("Target: ").Append(target).Append('\n')
            .ToString();
    }

    /// <summary>
    /// Parses one step block. Strict about the five lines and their order; tolerant of surrounding whitespace, CRLF line
    /// ends, trailing spaces and stray <c>&lt;/s&gt;</c>, <c>&lt;|im_end|&gt;</c> or <c>&lt;|endoftext|&gt;</c> markers.
    /// The node id is the first token of the Node line (so <c>Node: 7 7 7 7 7</c> gives 7, as the reference reads it);
    /// when that token is not decimal digits, the first <c>node="…"</c> inside the Target line is used (the reference's
    /// fallback). <c>none</c> on the Node or Target line gives <see langword="null"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    /// <exception cref="StepFormatException">A line is missing, out of order or invalid; the message names it.</exception>
    public static ScribeStep Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cleaned = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        foreach (var marker in StrayMarkers)
        {
            cleaned = cleaned.Replace(marker, "", StringComparison.Ordinal);
        }

        cleaned = cleaned.Trim();
        if (cleaned.Length == 0)
        {
            throw new StepFormatException(null, "The step text is empty; expected five lines: \"{k}.\", \"Description: …\", \"Action: …\", \"Node: …\", \"Target: …\".");
        }

        var lines = cleaned.Split('\n').Select(l => l.Trim()).ToArray();
        if (lines.Length > LineNames.Length)
        {
            throw new StepFormatException(null, $"Unexpected text after the Target line (line 6): \"{StepText.Preview(lines[5])}\"; a step block has exactly five lines.");
        }

        var number = ParseNumber(Line(lines, 0));
        var description = Field(lines, 1, "Description");
        var action = Field(lines, 2, "Action");
        if (action.Any(char.IsWhiteSpace))
        {
            throw new StepFormatException("Action", $"The Action line must hold one action token such as mouse_click_action; found \"{StepText.Preview(action)}\".");
        }

        var nodeText = Field(lines, 3, "Node", allowEmpty: true);
        var target = Field(lines, 4, "Target");
        var targetValue = string.Equals(target, None, StringComparison.OrdinalIgnoreCase) ? null : target;
        var node = ParseNode(nodeText, targetValue);
        return new ScribeStep(number, description, action, node, targetValue);
    }

    /// <summary>Parses like <see cref="Parse"/> without throwing.</summary>
    /// <param name="text">The step block.</param>
    /// <param name="step">The step, when the text is a valid block.</param>
    /// <param name="error">Why the text is not a valid block, naming the line, when it is not.</param>
    /// <returns>Whether the text is a valid block.</returns>
    public static bool TryParse(string text, [NotNullWhen(true)] out ScribeStep? step, [NotNullWhen(false)] out string? error)
    {
        if (text is null)
        {
            step = null;
            error = "The step text is null.";
            return false;
        }

        try
        {
            step = Parse(text);
            error = null;
            return true;
        }
        catch (StepFormatException e)
        {
            step = null;
            error = e.Message;
            return false;
        }
    }

    private static string Line(string[] lines, int index)
    {
        if (index < lines.Length)
        {
            return lines[index];
        }

        var name = LineNames[index];
        var expected = index == 0 ? "\"{k}.\"" : $"\"{name}: …\"";
        throw new StepFormatException(name, $"The step has no {name} line (line {index + 1}, {expected}); it ends after {lines.Length} line{(lines.Length == 1 ? "" : "s")}.");
    }

    private static int ParseNumber(string line)
    {
        if (line.Length >= 2 && line[^1] == '.' && line[..^1].All(char.IsAsciiDigit)
            && int.TryParse(line.AsSpan(0, line.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        throw new StepFormatException("Number", $"Line 1 must be the step number followed by a dot, such as \"3.\"; found \"{StepText.Preview(line)}\".");
    }

    private static string Field(string[] lines, int index, string name, bool allowEmpty = false)
    {
        var line = Line(lines, index);
        var prefix = name + ":";
        if (!line.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new StepFormatException(name, $"Line {index + 1} must start with \"{prefix} \"; found \"{StepText.Preview(line)}\".");
        }

        var value = line[prefix.Length..].Trim();
        if (value.Length == 0 && !allowEmpty)
        {
            throw new StepFormatException(name, $"The {name} line (line {index + 1}) is empty.");
        }

        return value;
    }

    private static int? ParseNode(string nodeText, string? target)
    {
        if (string.Equals(nodeText, None, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var first = nodeText.Split(' ', 2)[0];
        if (first.Length > 0 && first.All(char.IsAsciiDigit))
        {
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? id
                : throw new StepFormatException("Node", $"The Node line's id \"{StepText.Preview(first)}\" is too large for a node id.");
        }

        // The reference falls back to the first node="…" of the response, which in a well-ordered block is the Target's.
        var fallback = target is null ? null : NodeAttribute().Match(target);
        if (fallback is { Success: true } && int.TryParse(fallback.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var fromTarget))
        {
            return fromTarget;
        }

        throw new StepFormatException(
            "Node",
            $"The Node line \"{StepText.Preview(nodeText)}\" holds no node id (decimal digits) and the Target line has no node=\"…\" attribute to fall back to.");
    }

    [GeneratedRegex("""(?<![\w-])node\s*=\s*["']?(\d+)""", RegexOptions.CultureInvariant)]
    private static partial Regex NodeAttribute();
}
