using ScribeActors.Abstractions;
using ScribeActors.Agent.Prompting;

namespace ScribeActors.Agent.Tests.Prompting;

public sealed class StepGrammarTests
{
    private static readonly int[] SmallIds = [0, 7, 12, 15, 120];

    [Fact]
    public void Build_SmallIdSet_MatchesGolden()
    {
        var gbnf = StepGrammar.Build(3, SmallIds);

        Assert.Equal(
            """
            root ::= "3.\nDescription: " (plain-step | value-step | keys-step | url-step)
            plain-step ::= description "\nAction: " ("mouse_click_action" "\nNode: " node | "scroll_action" "\nNode: " (node | "none\n") | ("go_back_action" | "finish_action") "\nNode: " "none\n")
            value-step ::= quoted-description "\nAction: " ("keyboard_sequence_action" | "select_option_action") "\nNode: " node
            keys-step ::= keys-description "\nAction: " "keyboard_combination_action" "\nNode: " (node | "none\n")
            url-step ::= url-description "\nAction: " "goto_action" "\nNode: " "none\n"
            description ::= [^\x00-\x20] [^\x00-\x1F]{0,119}
            lead ::= ([^\x00-\x20"'\u201C\u201D\u2018\u2019] [^\x00-\x1F"'\u201C\u201D\u2018\u2019]{0,23})?
            trail ::= [^\x00-\x1F"'\u201C\u201D\u2018\u2019]{0,12}
            quoted-description ::= lead "\"" [^"\u201C\u201D\x00-\x1F]{1,82} "\"" trail
            keys-description ::= lead "\"" (modifier "+"){0,3} key "\"" trail
            modifier ::= "Control" | "Shift" | "Alt" | "Meta"
            key ::= "Enter" | "Tab" | "Escape" | "Backspace" | "Delete" | "Space" | "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight" | "PageUp" | "PageDown" | "Home" | "End" | "F1" | "F2" | "F3" | "F4" | "F5" | "F6" | "F7" | "F8" | "F9" | "F10" | "F11" | "F12" | [A-Z0-9]
            url-description ::= lead "http" "s"? "://" [^\x00-\x20"'<>]{1,74} trail
            node ::= "0\n" | "1" node-1 | "7\n"
            node-1 ::= "2" node-12 | "5\n"
            node-12 ::= "\n" | "0\n"

            """.ReplaceLineEndings("\n"),
            gbnf);
    }

    [Fact]
    public void Build_FiveRepeatsTwoActions_MatchesGolden()
    {
        var options = new StepGrammarOptions { NodeRepeat = 5, MaxDescriptionChars = 40, AllowedActions = [StepActions.Click, StepActions.Finish] };

        var gbnf = StepGrammar.Build(12, [3, 30, 345], options);

        Assert.Equal(
            """
            root ::= "12.\nDescription: " plain-step
            plain-step ::= description "\nAction: " ("mouse_click_action" "\nNode: " node | "finish_action" "\nNode: " "none\n")
            description ::= [^\x00-\x20] [^\x00-\x1F]{0,39}
            node ::= "3" node-3
            node-3 ::= " 3 3 3 3\n" | "0 30 30 30 30\n" | "45 345 345 345 345\n"

            """.ReplaceLineEndings("\n"),
            gbnf);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Build_AnyRepeat_IsWellFormedAndBounded(int repeat)
    {
        var recogniser = new GbnfRecognizer(StepGrammar.Build(1, SmallIds, new StepGrammarOptions { NodeRepeat = repeat }));

        Assert.Empty(recogniser.UnboundedRepetitions);
        Assert.Empty(recogniser.Unreferenced);
        Assert.Contains("node", recogniser.RuleNames);
    }

    [Fact]
    public void Recogniser_UnboundedStar_IsReported()
    {
        // Guards the guard: the checker must see an unbounded repetition when there is one.
        var recogniser = new GbnfRecognizer("root ::= \"a\" [b*]* \"+\" x+\nx ::= \"c\"{1,}\n");

        Assert.Equal(["root: *", "root: +", "x: {1,}"], recogniser.UnboundedRepetitions.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Build_EveryShownId_IsAccepted(int repeat)
    {
        int[] ids = [0, 1, 9, 10, 11, 99, 100, 101, 120, 1234, 5000, 2_000_000_000];
        var recogniser = new GbnfRecognizer(StepGrammar.Build(4, ids, new StepGrammarOptions { NodeRepeat = repeat }));

        foreach (var id in ids)
        {
            Assert.True(recogniser.Accepts(Step(4, "Click \"Save\"", StepActions.Click, Node(id, repeat))), $"id {id} rejected");
            Assert.True(recogniser.Accepts(Step(4, "Press \"Enter\"", StepActions.KeyCombination, Node(id, repeat))), $"id {id} rejected for key");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Build_IdNotShown_IsRejected(int repeat)
    {
        int[] ids = [0, 1, 9, 10, 11, 99, 100, 101, 120, 1234, 5000];
        var recogniser = new GbnfRecognizer(StepGrammar.Build(4, ids, new StepGrammarOptions { NodeRepeat = repeat }));

        foreach (var id in Enumerable.Range(0, 5100).Where(i => !ids.Contains(i)))
        {
            Assert.False(recogniser.Accepts(Step(4, "Click it", StepActions.Click, Node(id, repeat))), $"id {id} accepted");
        }

        // Leading zeros and prefixes of shown ids are not ids.
        Assert.False(recogniser.Accepts(Step(4, "Click it", StepActions.Click, Node("01", repeat))));
        Assert.False(recogniser.Accepts(Step(4, "Click it", StepActions.Click, Node("123", repeat))));
    }

    [Fact]
    public void Build_ThousandsOfRandomIds_AcceptsExactlyTheSet()
    {
        var random = new Random(17);
        var ids = Enumerable.Range(0, 3000).Select(_ => random.Next(0, 20_000)).ToHashSet();
        var gbnf = StepGrammar.Build(2, ids, new StepGrammarOptions { NodeRepeat = 5 });
        var recogniser = new GbnfRecognizer(gbnf);

        // A trie, not one flat alternation: no rule has more than 11 alternatives, and rules grow linearly with ids.
        Assert.All(recogniser.Rules.Where(r => r.Key.StartsWith("node", StringComparison.Ordinal)).Select(r => r.Value), body => Assert.True(body.Split(" | ").Length <= 11, body));
        Assert.InRange(recogniser.Rules.Count, 10, ids.Count + 10);
        foreach (var id in ids.Take(300))
        {
            Assert.True(recogniser.Accepts(Step(2, "Type \"x\"", StepActions.Type, Node(id, 5))), $"id {id} rejected");
        }

        for (var i = 0; i < 300; i++)
        {
            var other = random.Next(0, 25_000);
            Assert.Equal(ids.Contains(other), recogniser.Accepts(Step(2, "Type \"x\"", StepActions.Type, Node(other, 5))));
        }
    }

    [Theory]
    [InlineData("7 7 7 7 8")]
    [InlineData("7 7 7 7")]
    [InlineData("7 7 7 7 7 7")]
    [InlineData("7  7 7 7 7")]
    [InlineData("12 7 7 7 7")]
    [InlineData("7")]
    public void Build_FiveRepeats_ForcesTheSameIdFiveTimes(string nodeLine)
    {
        var recogniser = new GbnfRecognizer(StepGrammar.Build(1, [7, 12], new StepGrammarOptions { NodeRepeat = 5 }));

        Assert.True(recogniser.Accepts(Step(1, "Click", StepActions.Click, "7 7 7 7 7")));
        Assert.False(recogniser.Accepts(Step(1, "Click", StepActions.Click, nodeLine)));
    }

    [Theory]
    [InlineData(StepActions.Click, false, true)]
    [InlineData(StepActions.Type, false, true)]
    [InlineData(StepActions.SelectOption, false, true)]
    [InlineData(StepActions.KeyCombination, true, true)]
    [InlineData(StepActions.Scroll, true, true)]
    [InlineData(StepActions.GoBack, true, false)]
    [InlineData(StepActions.Goto, true, false)]
    [InlineData(StepActions.Finish, true, false)]
    public void Build_NodeLineByAction_FollowsTheNodeRules(string action, bool none, bool id)
    {
        var recogniser = new GbnfRecognizer(StepGrammar.Build(2, [5]));
        var description = action switch
        {
            StepActions.Type or StepActions.SelectOption => "Type \"x\"",
            StepActions.KeyCombination => "Press \"Enter\"",
            StepActions.Goto => "Go to http://portal.test/start",
            _ => "Do it",
        };

        Assert.Equal(none, recogniser.Accepts(Step(2, description, action, "none")));
        Assert.Equal(id, recogniser.Accepts(Step(2, description, action, "5")));
    }

    [Theory]
    [InlineData("mouse_click")]
    [InlineData("Mouse_click_action")]
    [InlineData("mouse_click_action ")]
    [InlineData("")]
    public void Build_UnknownActionText_IsRejected(string action)
    {
        var recogniser = new GbnfRecognizer(StepGrammar.Build(2, [5]));

        Assert.False(recogniser.Accepts(Step(2, "Do it", action, "5")));
    }

    [Fact]
    public void Build_Description_IsBoundedSingleLineAndNotBlank()
    {
        var recogniser = new GbnfRecognizer(StepGrammar.Build(1, [5], new StepGrammarOptions { MaxDescriptionChars = 10 }));

        Assert.True(recogniser.Accepts(Step(1, "x", StepActions.Click, "5")));
        Assert.True(recogniser.Accepts(Step(1, "Click \"Ok\"", StepActions.Click, "5")));
        Assert.True(recogniser.Accepts(Step(1, "Klick «Ø»", StepActions.Click, "5")));
        Assert.False(recogniser.Accepts(Step(1, "Click \"Ok!\"", StepActions.Click, "5")));
        Assert.False(recogniser.Accepts(Step(1, "", StepActions.Click, "5")));
        Assert.False(recogniser.Accepts(Step(1, " Click", StepActions.Click, "5")));
        Assert.False(recogniser.Accepts(Step(1, "Cli\nck", StepActions.Click, "5")));
        Assert.False(recogniser.Accepts(Step(1, "Cli\tck", StepActions.Click, "5")));
    }

    [Fact]
    public void Build_DefaultDescriptionLimit_Is120Characters()
    {
        var recogniser = new GbnfRecognizer(StepGrammar.Build(1, [5]));

        Assert.True(recogniser.Accepts(Step(1, new string('a', 120), StepActions.Click, "5")));
        Assert.False(recogniser.Accepts(Step(1, new string('a', 121), StepActions.Click, "5")));
    }

    [Fact]
    public void Build_NothingAfterTheNodeLine_IsAccepted()
    {
        var recogniser = new GbnfRecognizer(StepGrammar.Build(1, [5]));
        var step = Step(1, "Click", StepActions.Click, "5");

        Assert.True(recogniser.Accepts(step));
        Assert.False(recogniser.Accepts(step + "Target: <a node=\"5\">\n"));
        Assert.False(recogniser.Accepts(step.TrimEnd('\n')));
        Assert.False(recogniser.Accepts(step + "\n"));
    }

    [Fact]
    public void Build_WrongStepNumber_IsRejected()
    {
        var recogniser = new GbnfRecognizer(StepGrammar.Build(3, [5]));

        Assert.True(recogniser.Accepts(Step(3, "Click", StepActions.Click, "5")));
        Assert.False(recogniser.Accepts(Step(4, "Click", StepActions.Click, "5")));
        Assert.False(recogniser.Accepts(Step(33, "Click", StepActions.Click, "5")));
    }

    [Fact]
    public void Build_NoIds_AllowsOnlyStepsWithoutANode()
    {
        var gbnf = StepGrammar.Build(1, []);
        var recogniser = new GbnfRecognizer(gbnf);

        Assert.DoesNotContain("node ::=", gbnf, StringComparison.Ordinal);
        Assert.True(recogniser.Accepts(Step(1, "Scroll down", StepActions.Scroll, "none")));
        Assert.True(recogniser.Accepts(Step(1, "Done", StepActions.Finish, "none")));
        Assert.False(recogniser.Accepts(Step(1, "Click", StepActions.Click, "none")));
        Assert.False(recogniser.Accepts(Step(1, "Click", StepActions.Click, "0")));
    }

    [Fact]
    public void Build_NoIdsAndOnlyNodeActions_ThrowsNamingTheProblem()
    {
        var options = new StepGrammarOptions { AllowedActions = [StepActions.Click, StepActions.Type] };

        var e = Assert.Throws<ArgumentException>(() => StepGrammar.Build(1, [], options));

        Assert.Contains("needs a node id", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_UnknownAllowedAction_ThrowsNamingIt()
    {
        var options = new StepGrammarOptions { AllowedActions = [StepActions.Click, "hover_action"] };

        var e = Assert.Throws<ArgumentException>(() => StepGrammar.Build(1, [1], options));

        Assert.Contains("\"hover_action\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StepGrammar.Build(0, [1]));
        Assert.Throws<ArgumentNullException>(() => StepGrammar.Build(1, null!));
        Assert.Contains("-3", Assert.Throws<ArgumentException>(() => StepGrammar.Build(1, [1, -3])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => StepGrammar.Build(1, [1], new StepGrammarOptions { NodeRepeat = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => StepGrammar.Build(1, [1], new StepGrammarOptions { MaxDescriptionChars = 0 }));
        Assert.Throws<ArgumentException>(() => StepGrammar.Build(1, [1], new StepGrammarOptions { AllowedActions = [] }));
    }

    [Fact]
    public void Build_DuplicateIds_AreIgnored()
    {
        Assert.Equal(StepGrammar.Build(1, [7, 12]), StepGrammar.Build(1, [12, 7, 7, 12]));
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("a\"b", "\"a\\\"b\"")]
    [InlineData("back\\slash", "\"back\\\\slash\"")]
    [InlineData("l1\nl2\r\t", "\"l1\\nl2\\r\\t\"")]
    [InlineData("bell\u0007", "\"bell\\x07\"")]
    [InlineData("ünï", "\"ünï\"")]
    public void Literal_SpecialCharacters_AreEscaped(string text, string expected)
    {
        var literal = StepGrammar.Literal(text);

        Assert.Equal(expected, literal);
        Assert.True(new GbnfRecognizer("root ::= " + literal).Accepts(text));
    }

    private static string Node(int id, int repeat) => string.Join(' ', Enumerable.Repeat(id.ToString(System.Globalization.CultureInfo.InvariantCulture), repeat));

    private static string Node(string id, int repeat) => string.Join(' ', Enumerable.Repeat(id, repeat));

    private static string Step(int number, string description, string action, string node) =>
        $"{number}.\nDescription: {description}\nAction: {action}\nNode: {node}\n";

    [Theory]
    [InlineData("Type \"4471\"", StepActions.Type, true)]
    [InlineData("\"4471\"", StepActions.Type, true)]
    [InlineData("In the search box, type \"4471\" now", StepActions.Type, true)]
    [InlineData("Type 4471", StepActions.Type, false)]
    [InlineData("Type \"\"", StepActions.Type, false)]
    [InlineData("Type 'a' or \"b\"", StepActions.Type, false)]
    [InlineData("Select \"Damaged goods\"", StepActions.SelectOption, true)]
    [InlineData("Select damaged goods", StepActions.SelectOption, false)]
    [InlineData("Press \"Enter\"", StepActions.KeyCombination, true)]
    [InlineData("Press \"Control+Shift+A\"", StepActions.KeyCombination, true)]
    [InlineData("Press \"Enterr\"", StepActions.KeyCombination, false)]
    [InlineData("Press Enter", StepActions.KeyCombination, false)]
    [InlineData("Open https://portal.test/invoices?page=2", StepActions.Goto, true)]
    [InlineData("Open the invoices page", StepActions.Goto, false)]
    [InlineData("Click \"Save\"", StepActions.Click, true)]
    public void Build_DescriptionCarriesWhatTheActionNeeds(string description, string action, bool accepted)
    {
        var recogniser = new GbnfRecognizer(StepGrammar.Build(1, [5]));
        var node = action == StepActions.Goto ? "none" : "5";

        Assert.Equal(accepted, recogniser.Accepts(Step(1, description, action, node)));
        if (accepted)
        {
            Assert.True(ActionMapper.Map(action, node == "none" ? null : 5, description, null, "<input node=\"5\">").Succeeded, "the mapper can perform what the grammar allows");
        }
    }
}
