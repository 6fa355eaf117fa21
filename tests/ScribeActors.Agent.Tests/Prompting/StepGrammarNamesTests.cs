using ScribeActors.Abstractions;
using ScribeActors.Agent.Planning;
using ScribeActors.Agent.Prompting;
using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Tests.Prompting;

/// <summary>A click quotes the name of what it clicks, and the name fixes the node (<see cref="StepGrammarOptions.NodeNames"/>).
/// On held-out steps the trained model wrote <c>Click "Approval queue"</c> and then the id of another element in 112
/// of 565 steps.</summary>
public sealed class StepGrammarNamesTests
{
    // The approval queue: a heading that repeats the sign-in button's text, a nav link in a list item, two rows with an
    // Approve button each, a checkbox labelled by a later label, an icon link without text, a link with a quote.
    private const string Queue =
        "<body node=\"60\"><h1 node=\"59\">Sign in</h1><ul node=\"58\"><li node=\"57\"><a node=\"56\" href=\"/q\">Approval queue</a></li></ul>" +
        "<table node=\"50\"><tr node=\"49\"><td node=\"48\">EXP-1114</td><td node=\"47\"><button node=\"46\">Approve</button></td></tr>" +
        "<tr node=\"39\"><td node=\"38\">EXP-1115</td><td node=\"37\"><button node=\"36\">Approve</button></td></tr></table>" +
        "<input node=\"30\" id=\"r\" type=\"checkbox\"><label node=\"29\" for=\"r\">Receipt attached</label>" +
        "<a node=\"20\" href=\"/x\"><img node=\"19\" src=\"x.png\"></a><a node=\"18\" href=\"/h\">The \"help\" page</a>" +
        "<button node=\"10\" aria-label=\"Close dialog\">×</button><button node=\"9\" type=\"submit\">Sign in</button></body>";

    private static string Step(string description, string action, string node) =>
        $"2.\nDescription: {description}\nAction: {action}\nNode: {node}\n";

    private static GbnfRecognizer Grammar(bool names)
    {
        var pruned = HtmlPruner.Prune(Queue);
        var recogniser = new GbnfRecognizer(StepGrammar.Build(2, pruned.NodeIds.ToArray(), new StepGrammarOptions
        {
            NodeActions = pruned.ActionsOf,
            NodeNames = names ? pruned.NameOf : null,
        }));
        Assert.Empty(recogniser.UnboundedRepetitions);
        Assert.Empty(recogniser.Unreferenced);
        return recogniser;
    }

    [Fact]
    public void NameOf_QueuePage_WhatAPersonReads()
    {
        var pruned = HtmlPruner.Prune(Queue);

        Assert.Equal("Approval queue", pruned.NameOf(56));
        Assert.Equal("Approve", pruned.NameOf(46));
        Assert.Equal("Receipt attached", pruned.NameOf(30));
        Assert.Equal("Close dialog", pruned.NameOf(10));
        Assert.Equal("Sign in", pruned.NameOf(9));
        Assert.Null(pruned.NameOf(20));

        // Containers (the list item around the link, the cell around the button, the body) have no name: a quoted name
        // never leads to them. The heading that only repeats the button's text is not clicked by that name.
        Assert.Null(pruned.NameOf(57));
        Assert.Null(pruned.NameOf(47));
        Assert.Null(pruned.NameOf(60));
        Assert.Equal(ElementActions.None, pruned.ActionsOf(59) & ElementActions.Click);
        Assert.Equal("EXP-1114", pruned.NameOf(48));
    }

    [Fact]
    public void NameOf_LongText_LongerThanTheLimit()
    {
        var pruned = HtmlPruner.Prune($"<body node=\"3\"><p node=\"2\">{string.Join(' ', Enumerable.Repeat("word", 60))}</p><b node=\"1\">x</b></body>");

        Assert.True(pruned.NameOf(2)!.Length > HtmlPruner.MaxNameLength);
    }

    [Theory]
    [InlineData("Click \"Approval queue\"", "56", true)]
    [InlineData("Click \"Approval queue\"", "57", false)]
    [InlineData("Click \"Approval queue\"", "46", false)]
    [InlineData("Click \"Approve\"", "46", true)]
    [InlineData("Click \"Approve\"", "36", true)]
    [InlineData("Click \"Approve\"", "56", false)]
    [InlineData("Click \"Receipt attached\"", "30", true)]
    [InlineData("Click \"Receipt attached\"", "29", true)]
    [InlineData("Click \"Sign in\"", "9", true)]
    [InlineData("Click \"Sign in\"", "59", false)]
    [InlineData("Click \"EXP-1114\"", "48", true)]
    [InlineData("Click \"Close dialog\"", "10", true)]
    [InlineData("Click \"Nothing here\"", "20", false)]
    [InlineData("Click the icon link", "20", true)]
    [InlineData("Click the help link", "18", true)]
    [InlineData("Click the icon link", "56", false)]
    [InlineData("Click \"Sign in\"", "60", false)]
    [InlineData("Click \"Approve\"", "47", false)]
    public void Build_WithNames_TheQuotedNameFixesTheNode(string description, string node, bool accepted)
    {
        Assert.Equal(accepted, Grammar(names: true).Accepts(Step(description, StepActions.Click, node)));
    }

    [Fact]
    public void Build_WithoutNames_AnyDescriptionOnAnyClickableElement()
    {
        // The mismatch the names rule out was possible before: the theory above is not vacuous.
        var blind = Grammar(names: false);

        Assert.True(blind.Accepts(Step("Click \"Approval queue\"", StepActions.Click, "46")));
        Assert.True(blind.Accepts(Step("Click \"Nothing here\"", StepActions.Click, "20")));
    }

    [Fact]
    public void Build_WithNames_OtherActionsKeepTheirDescriptions()
    {
        var recogniser = Grammar(names: true);

        Assert.True(recogniser.Accepts(Step("Scroll down", StepActions.Scroll, "none")));
        Assert.True(recogniser.Accepts(Step("Press \"Enter\"", StepActions.KeyCombination, "9")));
        Assert.True(recogniser.Accepts("2.\nDescription: Answer \"EXP-1114\"\nAction: finish_action\nNode: none\n"));
    }

    [Theory]
    [InlineData("Type \"2025-03-09\"", StepActions.GoBack, false)]
    [InlineData("Go back", StepActions.GoBack, true)]
    [InlineData("Finish", StepActions.Finish, true)]
    [InlineData("Answer \"INV-3076\"", StepActions.Finish, true)]
    [InlineData("Answer is: \"INV-3076\"", StepActions.Finish, true)]
    [InlineData("Answer “INV-3076”", StepActions.Finish, false)]
    [InlineData("Answer \"INV-3076\"", StepActions.GoBack, false)]
    public void Build_WithNames_OtherStepsQuoteNothingButAnAnswer(string description, string action, bool accepted)
    {
        // Offline the model wrote a value the typed field refused and, with the typed route closed, ended the step as a
        // go-back or a scroll that took any text. A finish's answer stays free.
        Assert.Equal(accepted, Grammar(names: true).Accepts($"2.\nDescription: {description}\nAction: {action}\nNode: none\n"));
        Assert.True(Grammar(names: false).Accepts($"2.\nDescription: Type \"2025-03-09\"\nAction: {action}\nNode: none\n"));
    }

    [Theory]
    [InlineData("Approve expense report EXP-1115 from Dana.", "36", true)]
    [InlineData("Approve expense report EXP-1115 from Dana.", "46", false)]
    [InlineData("Approve expense report EXP-1114.", "46", true)]
    [InlineData("Approve expense report EXP-1114.", "36", false)]
    [InlineData("Approve the oldest report.", "46", true)]
    [InlineData("Approve the oldest report.", "36", true)]
    public void Build_LookAlikes_OnlyTheRowsTheObjectiveNames(string objective, string node, bool accepted)
    {
        var pruned = HtmlPruner.Prune(Queue);
        var recogniser = new GbnfRecognizer(StepGrammar.Build(2, pruned.NodeIds.ToArray(), new StepGrammarOptions
        {
            NodeActions = pruned.ActionsOf,
            NodeNames = pruned.NameOf,
            NodePreference = id => RowMatch.Score(objective, pruned.RowOf(id)),
        }));

        Assert.Equal(accepted, recogniser.Accepts(Step("Click \"Approve\"", StepActions.Click, node)));
    }

    [Fact]
    public void RowOf_LookAlikesOnly_TheRowText()
    {
        var pruned = HtmlPruner.Prune(Queue);

        Assert.Equal("EXP-1114 Approve", pruned.RowOf(46));
        Assert.Equal("EXP-1115 Approve", pruned.RowOf(36));
        Assert.Null(pruned.RowOf(56));
        Assert.Null(pruned.RowOf(48));
    }

    [Theory]
    [InlineData("approve expense report EXP-2253 from Hiro Tanaka (Viking Direct, 287.74 EUR).", "EXP-2253 Hiro Tanaka Viking Direct 287.74 EUR Pending Approve Reject", 8)]
    [InlineData("approve expense report EXP-2253 from Hiro Tanaka (Viking Direct, 287.74 EUR).", "EXP-2252 Dana Smith SNCF 12.00 EUR Pending Approve Reject", 2)]
    [InlineData("Go to it.", "it to go", 0)]
    [InlineData("Pay item 7 of 9", "7 of 9 items", 2)]
    [InlineData("anything", null, 0)]
    public void RowMatch_Score_DistinctObjectiveWordsInTheRow(string objective, string? row, int score)
    {
        // Approve counts (three letters or more), "of" does not, a digit always does; case is ignored.
        Assert.Equal(score, RowMatch.Score(objective, row));
    }

    [Theory]
    [InlineData("Click \"Approval queue\"", StepActions.Click, "56", true)]
    [InlineData("Open \"Approval queue\"", StepActions.Click, "56", false)]
    [InlineData("Click the icon link", StepActions.Click, "20", true)]
    [InlineData("Press \"Enter\"", StepActions.KeyCombination, "9", true)]
    [InlineData("Hit \"Enter\"", StepActions.KeyCombination, "9", false)]
    [InlineData("Answer \"EXP-1114\"", StepActions.Finish, "none", true)]
    [InlineData("Type \"EXP-1114\"", StepActions.Finish, "none", false)]
    [InlineData("Finish", StepActions.Finish, "none", true)]
    public void Build_RecordedVerbs_EachQuotingDescriptionStartsWithItsVerb(string description, string action, string node, bool accepted)
    {
        // A value one route refuses cannot be finished through another: "Type" leads only to a type.
        var pruned = HtmlPruner.Prune(Queue);
        var recogniser = new GbnfRecognizer(StepGrammar.Build(2, pruned.NodeIds.ToArray(), new StepGrammarOptions
        {
            NodeActions = pruned.ActionsOf,
            NodeNames = pruned.NameOf,
            Verbs = DescriptionVerbs.Recorded,
        }));

        Assert.Empty(recogniser.Unreferenced);
        Assert.Equal(accepted, recogniser.Accepts(Step(description, action, node)));
    }
}
