using ScribeActors.Abstractions;
namespace ScribeActors.Agent.Tests;

public sealed class ScribeStepTests
{
    private const string ReferenceLabel =
        "3.\nDescription: Click \"Save\"\nAction: mouse_click_action\nNode: 0 0 0 0 0\nTarget: <button aria-label=\"Save\" node=\"0\" type=\"submit\">\n";

    private static readonly ScribeStep SaveStep = new(3, "Click \"Save\"", "mouse_click_action", 0, "<button aria-label=\"Save\" node=\"0\" type=\"submit\">");

    [Fact]
    public void Render_LabelForm_MatchesTheReferenceExample()
    {
        Assert.Equal(ReferenceLabel, SaveStep.Render(nodeRepeat: 5));
    }

    [Fact]
    public void Render_HistoryForm_WritesTheNodeOnce()
    {
        Assert.Equal(
            "3.\nDescription: Click \"Save\"\nAction: mouse_click_action\nNode: 0\nTarget: <button aria-label=\"Save\" node=\"0\" type=\"submit\">\n",
            SaveStep.Render());
    }

    [Fact]
    public void Render_StepWithoutNode_WritesNone()
    {
        var step = new ScribeStep(7, "Scroll down", "scroll_action", null, null);

        Assert.Equal("7.\nDescription: Scroll down\nAction: scroll_action\nNode: none\nTarget: none\n", step.Render(5));
    }

    [Fact]
    public void Render_MultiLineDescription_StaysFiveLines()
    {
        var step = new ScribeStep(1, "Type \"a\nb\"\r\n into  the field", "keyboard_sequence_action", 4, "<textarea\n node=\"4\">");

        var text = step.Render();

        Assert.Equal(5, text.TrimEnd('\n').Split('\n').Length);
        Assert.Contains("Description: Type \"a b\" into the field\n", text, StringComparison.Ordinal);
        Assert.Contains("Target: <textarea node=\"4\">\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NodeRepeatBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SaveStep.Render(0));
    }

    [Fact]
    public void Parse_ReferenceLabel_ReadsEveryField()
    {
        var step = ScribeStep.Parse(ReferenceLabel);

        Assert.Equal(SaveStep, step);
    }

    [Fact]
    public void Parse_LabelWithQwenEndMarkers_IgnoresThem()
    {
        Assert.Equal(SaveStep, ScribeStep.Parse(ReferenceLabel + " <|im_end|><|endoftext|>"));
    }

    [Fact]
    public void Parse_SurroundingWhitespaceCrLfAndStrayEndToken_AreTolerated()
    {
        var text = "\r\n  3.\r\nDescription:   Click \"Save\"  \r\nAction: mouse_click_action\r\nNode: 0\r\nTarget: <button aria-label=\"Save\" node=\"0\" type=\"submit\"></s>\r\n\r\n";

        Assert.Equal(SaveStep, ScribeStep.Parse(text));
    }

    public static TheoryData<ScribeStep> RoundTripSteps =>
    [
        SaveStep,
        new ScribeStep(1, "Type \"New York\"", "keyboard_sequence_action", 832, "<input name=\"city\" node=\"832\" type=\"text\">"),
        new ScribeStep(12, "Press \"Enter\"", "keyboard_combination_action", 5, "<input node=\"5\">"),
        new ScribeStep(4, "Scroll down", "scroll_action", null, null),
        new ScribeStep(9, "Done: the total is \"1,250.00\"", "finish_action", null, null),
    ];

    [Theory]
    [MemberData(nameof(RoundTripSteps))]
    public void Parse_RenderedStep_RoundTrips(ScribeStep step)
    {
        Assert.Equal(step, ScribeStep.Parse(step.Render()));
        Assert.Equal(step, ScribeStep.Parse(step.Render(5)));
    }

    [Theory]
    [InlineData("Node: abc", 12)]
    [InlineData("Node: ", 12)]
    [InlineData("Node: #12", 12)]
    public void Parse_NodeLineNotDigits_FallsBackToTargetNodeAttribute(string nodeLine, int expected)
    {
        var text = $"2.\nDescription: Click \"Next\"\nAction: mouse_click_action\n{nodeLine}\nTarget: <a data-node=\"3\" href=\"/p/2\" node=\"12\">";

        Assert.Equal(expected, ScribeStep.Parse(text).Node);
    }

    [Fact]
    public void Parse_RepeatedNodeIds_TakesTheFirstAsTheReferenceDoes()
    {
        var step = ScribeStep.Parse("1.\nDescription: Click \"Go\"\nAction: mouse_click_action\nNode: 7 7 7 7 7\nTarget: <button node=\"7\">");

        Assert.Equal(7, step.Node);
    }

    public static TheoryData<string, string?, string> MalformedSteps => new()
    {
        { "", null, "empty" },
        { "  \n </s> ", null, "empty" },
        { "Description: Click \"Save\"\nAction: mouse_click_action\nNode: 0\nTarget: <b node=\"0\">", "Number", "Line 1 must be the step number" },
        { "three.\nDescription: x\nAction: mouse_click_action\nNode: 0\nTarget: <b node=\"0\">", "Number", "\"three.\"" },
        { "3.\nAction: mouse_click_action\nDescription: x\nNode: 0\nTarget: <b node=\"0\">", "Description", "Line 2 must start with \"Description: \"" },
        { "3.\nDescription:   \nAction: mouse_click_action\nNode: 0\nTarget: <b node=\"0\">", "Description", "The Description line (line 2) is empty" },
        { "3.\nDescription: x\nAction: mouse click\nNode: 0\nTarget: <b node=\"0\">", "Action", "one action token" },
        { "3.\nDescription: x\nAction:\nNode: 0\nTarget: <b node=\"0\">", "Action", "The Action line (line 3) is empty" },
        { "3.\nDescription: x\nAction: mouse_click_action\nTarget: <b node=\"0\">", "Node", "Line 4 must start with \"Node: \"" },
        { "3.\nDescription: x\nAction: mouse_click_action\nNode: zero\nTarget: <b>", "Node", "holds no node id" },
        { "3.\nDescription: x\nAction: mouse_click_action\nNode: 99999999999\nTarget: <b>", "Node", "too large" },
        { "3.\nDescription: x\nAction: mouse_click_action\nNode: 0", "Target", "The step has no Target line (line 5" },
        { "3.\nDescription: x", "Action", "The step has no Action line" },
        { "3.\nDescription: x\nAction: mouse_click_action\nNode: 0\nTarget:", "Target", "The Target line (line 5) is empty" },
        { "3.\nDescription: x\nAction: mouse_click_action\nNode: 0\nTarget: <b node=\"0\">\n4.", null, "Unexpected text after the Target line" },
    };

    [Theory]
    [MemberData(nameof(MalformedSteps))]
    public void Parse_MalformedStep_ThrowsNamingTheLine(string text, string? line, string message)
    {
        var error = Assert.Throws<StepFormatException>(() => ScribeStep.Parse(text));

        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(MalformedSteps))]
    public void TryParse_MalformedStep_ReturnsFalseWithTheError(string text, string? line, string message)
    {
        _ = line;

        Assert.False(ScribeStep.TryParse(text, out var step, out var error));
        Assert.Null(step);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_ValidStep_ReturnsTheStep()
    {
        Assert.True(ScribeStep.TryParse(ReferenceLabel, out var step, out var error));
        Assert.Equal(SaveStep, step);
        Assert.Null(error);
    }

    [Fact]
    public void TryParse_Null_ReturnsFalse()
    {
        Assert.False(ScribeStep.TryParse(null!, out _, out var error));
        Assert.Contains("null", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => ScribeStep.Parse(null!));
    }
}
