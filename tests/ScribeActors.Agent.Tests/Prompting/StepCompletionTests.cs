using ScribeActors.Abstractions;
using ScribeActors.Agent.Prompting;

namespace ScribeActors.Agent.Tests.Prompting;

public sealed class StepCompletionTests
{
    private static readonly int[] Shown = [0, 7, 12];

    private static string? Tag(int node) => node switch
    {
        0 => "<button aria-label=\"Save\" node=\"0\" type=\"submit\">",
        7 => "<input node=\"7\" type=\"text\"/>",
        12 => "<a href=\"/x\" node=\"12\">",
        _ => null,
    };

    [Fact]
    public void Complete_GrammarOutput_FillsTargetFromThePage()
    {
        var step = StepCompletion.Complete("3.\nDescription: Click \"Save\"\nAction: mouse_click_action\nNode: 0\n", 3, Shown, Tag);

        Assert.Equal(new ScribeStep(3, "Click \"Save\"", StepActions.Click, 0, "<button aria-label=\"Save\" node=\"0\" type=\"submit\">"), step);
    }

    [Fact]
    public void Complete_ReferenceLabelExample_ReadsFiveRepeatsAndEndMarkers()
    {
        const string label = "3.\nDescription: Click \"Save\"\nAction: mouse_click_action\nNode: 0 0 0 0 0\nTarget: <button aria-label=\"Save\" node=\"0\" type=\"submit\">\n <|im_end|><|endoftext|>";

        var step = StepCompletion.Complete(label, 3, Shown, Tag);

        Assert.Equal(0, step.Node);
        Assert.Equal("Click \"Save\"", step.Description);
        Assert.Equal(Tag(0), step.Target);
    }

    [Fact]
    public void Complete_ModelTarget_IsReplacedByThePageTag()
    {
        var step = StepCompletion.Complete("1.\nDescription: Type \"Oslo\"\nAction: keyboard_sequence_action\nNode: 7\nTarget: <input node=\"7\" onclick=\"evil()\">\n", 1, Shown, Tag);

        Assert.Equal("<input node=\"7\" type=\"text\"/>", step.Target);
    }

    [Fact]
    public void Complete_StrayEndOfSequenceAndCrlf_AreTolerated()
    {
        var step = StepCompletion.Complete("\r\n2.\r\nDescription: Open the link \r\nAction: mouse_click_action\r\nNode: 12</s>\r\n", 2, Shown, Tag);

        Assert.Equal(new ScribeStep(2, "Open the link", StepActions.Click, 12, Tag(12)), step);
    }

    [Fact]
    public void Complete_NodeLessStep_HasNoTarget()
    {
        var step = StepCompletion.Complete("4.\nDescription: Scroll down\nAction: scroll_action\nNode: none\n", 4, Shown, _ => throw new InvalidOperationException("not called"));

        Assert.Equal(new ScribeStep(4, "Scroll down", StepActions.Scroll, null, null), step);
    }

    [Fact]
    public void Complete_NodeOnlyInTargetAttribute_UsesTheReferenceFallback()
    {
        var step = StepCompletion.Complete("1.\nDescription: Click it\nAction: mouse_click_action\nNode: the button\nTarget: <a node=\"12\">\n", 1, Shown, Tag);

        Assert.Equal(12, step.Node);
        Assert.Equal(Tag(12), step.Target);
    }

    [Fact]
    public void Complete_NodeNotShown_ThrowsNamingTheNode()
    {
        var e = Assert.Throws<StepFormatException>(() => StepCompletion.Complete("1.\nDescription: Click\nAction: mouse_click_action\nNode: 812\n", 1, Shown, Tag));

        Assert.Equal("Node", e.Line);
        Assert.Contains("Node 812 is not on the page", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Complete_WrongStepNumber_Throws()
    {
        var e = Assert.Throws<StepFormatException>(() => StepCompletion.Complete("2.\nDescription: Click\nAction: mouse_click_action\nNode: 0\n", 3, Shown, Tag));

        Assert.Equal("Number", e.Line);
        Assert.Contains("numbered 2, but the next step is 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Complete_UnknownAction_ThrowsListingKnownOnes()
    {
        var e = Assert.Throws<StepFormatException>(() => StepCompletion.Complete("1.\nDescription: Hover\nAction: hover_action\nNode: 0\n", 1, Shown, Tag));

        Assert.Equal("Action", e.Line);
        Assert.Contains("\"hover_action\"", e.Message, StringComparison.Ordinal);
        Assert.Contains(StepActions.Click, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Complete_MixedRepeats_Throws()
    {
        var e = Assert.Throws<StepFormatException>(() => StepCompletion.Complete("1.\nDescription: Click\nAction: mouse_click_action\nNode: 7 7 7 7 12\n", 1, Shown, Tag));

        Assert.Contains("repeats different ids (7 and 12)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Complete_ClickWithoutNode_Throws()
    {
        var e = Assert.Throws<StepFormatException>(() => StepCompletion.Complete("1.\nDescription: Click\nAction: mouse_click_action\nNode: none\n", 1, Shown, Tag));

        Assert.Contains("needs a node id", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Complete_FinishWithNode_Throws()
    {
        var e = Assert.Throws<StepFormatException>(() => StepCompletion.Complete("1.\nDescription: Done\nAction: finish_action\nNode: 7\n", 1, Shown, Tag));

        Assert.Contains("takes no node", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.\nDescription: Click\nAction: mouse_click_action\nNode: 0\nTarget: <a>\n2.\n", "line 6")]
    [InlineData("1.\nDescription: Click\nAction: mouse_click_action\nNode: 0\nThen press enter\n", "line 5")]
    public void Complete_TextAfterTheStep_Throws(string generated, string where)
    {
        var e = Assert.Throws<StepFormatException>(() => StepCompletion.Complete(generated, 1, Shown, Tag));

        Assert.Contains(where, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Complete_TruncatedOutput_ThrowsNamingTheMissingLine()
    {
        var e = Assert.Throws<StepFormatException>(() => StepCompletion.Complete("1.\nDescription: Click\nAction: mouse_cl", 1, Shown, Tag));

        Assert.Equal("Node", e.Line);
    }

    [Fact]
    public void Complete_PageHasNoTagForShownNode_Throws()
    {
        var e = Assert.Throws<InvalidOperationException>(() => StepCompletion.Complete("1.\nDescription: Click\nAction: mouse_click_action\nNode: 5\n", 1, [5], Tag));

        Assert.Contains("node 5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Complete_EveryStringTheGrammarAccepts_Completes()
    {
        // Grammar and completion agree: what the grammar lets through, the completion accepts.
        var gbnf = new GbnfRecognizer(StepGrammar.Build(2, Shown, new StepGrammarOptions { NodeRepeat = 5 }));
        foreach (var action in StepActions.All)
        {
            foreach (var node in new[] { "none", "7 7 7 7 7" })
            {
                // A description carrying what the action needs, so that only the node rules decide.
                var description = action switch
                {
                    StepActions.Type or StepActions.SelectOption => "Type \"x\"",
                    StepActions.KeyCombination => "Press \"Enter\"",
                    StepActions.Goto => "Open http://portal.test/",
                    _ => "Do it",
                };
                var text = $"2.\nDescription: {description}\nAction: {action}\nNode: {node}\n";
                if (gbnf.Accepts(text))
                {
                    Assert.Equal(action, StepCompletion.Complete(text, 2, Shown, Tag).Action);
                }
                else
                {
                    Assert.Throws<StepFormatException>(() => StepCompletion.Complete(text, 2, Shown, Tag));
                }
            }
        }
    }

    [Fact]
    public void Complete_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => StepCompletion.Complete(null!, 1, Shown, Tag));
        Assert.Throws<ArgumentNullException>(() => StepCompletion.Complete("x", 1, null!, Tag));
        Assert.Throws<ArgumentNullException>(() => StepCompletion.Complete("x", 1, Shown, null!));
    }
}
