using ScribeActors.Abstractions;
using ScribeActors.Agent.Prompting;
using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Tests.Prompting;

/// <summary>The grammar offers each action only on the elements that can take it (<see cref="StepGrammarOptions.NodeActions"/>).</summary>
public sealed class StepGrammarNodeActionsTests
{
    // The supplier sign-in page of the issue: the model chose select_option_action on the password input, node 10.
    private const string SignIn =
        "<body node=\"20\"><form node=\"15\"><input node=\"14\" type=\"hidden\" name=\"csrf\" value=\"x\">" +
        "<input node=\"12\" name=\"user\"><input node=\"10\" type=\"password\" name=\"pass\">" +
        "<select node=\"8\" name=\"site\"><option node=\"7\">EU</option></select>" +
        "<input node=\"6\" type=\"checkbox\" name=\"keep\"><button node=\"4\" disabled>Later</button><button node=\"3\">Sign in</button></form></body>";

    private static string Step(string description, string action, string node) =>
        $"2.\nDescription: {description}\nAction: {action}\nNode: {node}\n";

    private static (GbnfRecognizer Recogniser, string Gbnf) ForPage(string dom)
    {
        var pruned = HtmlPruner.Prune(dom);
        var gbnf = StepGrammar.Build(2, pruned.NodeIds.ToArray(), new StepGrammarOptions { NodeActions = pruned.ActionsOf });
        return (new GbnfRecognizer(gbnf), gbnf);
    }

    [Fact]
    public void Build_SelectOnPasswordInput_Impossible()
    {
        // In the reference's observation too: what an element can take comes from its markup, not from the variant.
        foreach (var options in new[] { PruneOptions.Default, PruneOptions.Reference })
        {
            var pruned = HtmlPruner.Prune(SignIn, options);
            var recogniser = new GbnfRecognizer(StepGrammar.Build(2, pruned.NodeIds.ToArray(), new StepGrammarOptions { NodeActions = pruned.ActionsOf }));

            Assert.False(recogniser.Accepts(Step("Choose \"EU\"", StepActions.SelectOption, "10")));
            Assert.True(recogniser.Accepts(Step("Choose \"EU\"", StepActions.SelectOption, "8")));
            Assert.True(recogniser.Accepts(Step("Type \"secret\"", StepActions.Type, "10")));
        }

        // Without the element kinds the old grammar let it through: the test above is not vacuous.
        var blind = new GbnfRecognizer(StepGrammar.Build(2, HtmlPruner.Prune(SignIn).NodeIds.ToArray()));
        Assert.True(blind.Accepts(Step("Choose \"EU\"", StepActions.SelectOption, "10")));
    }

    [Theory]
    [InlineData(StepActions.Type, "Type \"bob\"", "12", true)]
    [InlineData(StepActions.Type, "Type \"bob\"", "8", false)]
    [InlineData(StepActions.Type, "Type \"bob\"", "6", false)]
    [InlineData(StepActions.Type, "Type \"bob\"", "3", false)]
    [InlineData(StepActions.Click, "Sign in", "3", true)]
    [InlineData(StepActions.Click, "Keep me signed in", "6", true)]
    [InlineData(StepActions.Click, "Later", "4", false)]
    [InlineData(StepActions.Click, "EU", "7", false)]
    [InlineData(StepActions.Scroll, "Scroll to the button", "3", true)]
    [InlineData(StepActions.Scroll, "Scroll to the button", "4", false)]
    [InlineData(StepActions.KeyCombination, "Press \"Enter\"", "10", true)]
    [InlineData(StepActions.KeyCombination, "Press \"Enter\"", "none", true)]
    public void Build_ActionOnElement_OfferedOnlyWhereItCanBeTaken(string action, string description, string node, bool accepted)
    {
        var (recogniser, _) = ForPage(SignIn);

        Assert.Equal(accepted, recogniser.Accepts(Step(description, action, node)));
    }

    [Fact]
    public void Build_HiddenInputInReferenceObservation_NeverOffered()
    {
        var pruned = HtmlPruner.Prune(SignIn, PruneOptions.Reference);
        Assert.Contains(14, pruned.NodeIds);
        var recogniser = new GbnfRecognizer(StepGrammar.Build(2, pruned.NodeIds.ToArray(), new StepGrammarOptions { NodeActions = pruned.ActionsOf }));

        foreach (var (action, description) in new[] { (StepActions.Click, "x"), (StepActions.Type, "Type \"x\""), (StepActions.Scroll, "x") })
        {
            Assert.False(recogniser.Accepts(Step(description, action, "14")));
        }
    }

    [Fact]
    public void Build_NoSelectOnPage_SelectActionLeftOut()
    {
        var (recogniser, gbnf) = ForPage("<body node=\"9\">Search <input node=\"2\" name=\"q\"><a node=\"1\" href=\"/\">Home</a></body>");

        Assert.Equal(
            """
            value-step ::= quoted-description "\nAction: " "keyboard_sequence_action" "\nNode: " type-node
            """,
            gbnf.Split('\n').Single(l => l.StartsWith("value-step", StringComparison.Ordinal)));
        Assert.DoesNotContain("select_option_action", gbnf, StringComparison.Ordinal);
        // Everything shown takes a click (the body too), so clicks use the whole set.
        Assert.Contains("\"mouse_click_action\" \"\\nNode: \" node", gbnf, StringComparison.Ordinal);
        Assert.Contains("node ::= \"1\\n\" | \"2\\n\" | \"9\\n\"", gbnf, StringComparison.Ordinal);
        Assert.Contains("type-node ::= \"2\\n\"", gbnf, StringComparison.Ordinal);
        Assert.True(recogniser.Accepts(Step("Home", StepActions.Click, "1")));
        Assert.False(recogniser.Accepts(Step("Type \"x\"", StepActions.Type, "1")));
    }

    [Fact]
    public void Build_SameSetForEveryAction_OneTrieNamedNode()
    {
        var gbnf = StepGrammar.Build(1, [3, 5], new StepGrammarOptions
        {
            AllowedActions = [StepActions.Click, StepActions.Scroll],
            NodeActions = _ => ElementActions.Click,
        });

        Assert.Contains("\"mouse_click_action\" \"\\nNode: \" node", gbnf, StringComparison.Ordinal);
        Assert.Single(gbnf.Split('\n'), l => l.StartsWith("node ::=", StringComparison.Ordinal));
        Assert.DoesNotContain("click-node", gbnf, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NoShownElementTakesAnAllowedAction_ThrowsNamingTheProblem()
    {
        var options = new StepGrammarOptions { AllowedActions = [StepActions.Type, StepActions.SelectOption], NodeActions = _ => ElementActions.Click };

        var e = Assert.Throws<ArgumentException>(() => StepGrammar.Build(1, [1, 2], options));

        Assert.Contains("none of the 2 shown elements can take it", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_EveryShownElementTakesNothing_OnlyStepsWithoutANode()
    {
        var recogniser = new GbnfRecognizer(StepGrammar.Build(1, [1, 2], new StepGrammarOptions { NodeActions = _ => ElementActions.None }));

        Assert.True(recogniser.Accepts("1.\nDescription: Done\nAction: finish_action\nNode: none\n"));
        Assert.True(recogniser.Accepts("1.\nDescription: Down\nAction: scroll_action\nNode: none\n"));
        Assert.False(recogniser.Accepts("1.\nDescription: Down\nAction: scroll_action\nNode: 1\n"));
        Assert.False(recogniser.Accepts("1.\nDescription: x\nAction: mouse_click_action\nNode: 1\n"));
    }
}
