using ScribeActors.Abstractions;
using ScribeActors.Agent.Prompting;
using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Tests.Prompting;

/// <summary>The quoted value must suit the element the step names (<see cref="StepGrammarOptions.NodeValues"/>): the
/// online failures of issue 12 were a category typed into a date field ("Malformed value") and a report number chosen
/// in the category select ("it has no option labelled or valued '2025-038'").</summary>
public sealed class StepGrammarValuesTests
{
    // The expenses form: a date input, a text input, a number input, the category select (a placeholder, a disabled
    // option, a label attribute, white space to collapse), a second select, a hidden select and the submit button.
    private const string Form =
        "<body node=\"40\"><form node=\"39\">" +
        "<input node=\"29\" type=\"date\" name=\"date\"><input node=\"28\" name=\"merchant\"><input node=\"27\" type=\"number\" name=\"amount\">" +
        "<select node=\"20\" name=\"category\"><option node=\"19\" value=\"\">Choose a category</option><option node=\"18\">Travel</option>" +
        "<option node=\"17\">  Office\n supplies </option><option node=\"16\" disabled>Archived</option><option node=\"15\" label=\"Meals\">meals-code</option></select>" +
        "<select node=\"12\" name=\"project\"><option node=\"11\">PRJ-104 Apollo rollout</option></select>" +
        "<select node=\"9\" name=\"old\" hidden><option node=\"8\">Gone</option></select>" +
        "<button node=\"3\">Submit</button></form></body>";

    private static string Step(string description, string action, string node) =>
        $"2.\nDescription: {description}\nAction: {action}\nNode: {node}\n";

    private static GbnfRecognizer Grammar(bool values)
    {
        var pruned = HtmlPruner.Prune(Form);
        var gbnf = StepGrammar.Build(2, pruned.NodeIds.ToArray(), new StepGrammarOptions
        {
            NodeActions = pruned.ActionsOf,
            NodeValues = values ? pruned.ValuesOf : null,
        });
        var recogniser = new GbnfRecognizer(gbnf);
        Assert.Empty(recogniser.UnboundedRepetitions);
        Assert.Empty(recogniser.Unreferenced);
        return recogniser;
    }

    [Fact]
    public void ValuesOf_FormFields_FormsAndEnabledOptionLabels()
    {
        foreach (var options in new[] { PruneOptions.Default, PruneOptions.Reference })
        {
            var pruned = HtmlPruner.Prune(Form, options);

            Assert.Equal(new FieldValues(FieldFormat.Date, []), pruned.ValuesOf(29));
            Assert.Same(FieldValues.AnyText, pruned.ValuesOf(28));
            Assert.Equal(FieldFormat.Number, pruned.ValuesOf(27).Format);
            Assert.Equal(["Choose a category", "Travel", "Office supplies", "Meals"], pruned.ValuesOf(20).Options);
            Assert.Equal(["PRJ-104 Apollo rollout"], pruned.ValuesOf(12).Options);
            Assert.Empty(pruned.ValuesOf(9).Options);
            Assert.Same(FieldValues.AnyText, pruned.ValuesOf(3));
            Assert.Same(FieldValues.AnyText, pruned.ValuesOf(999));
        }
    }

    [Theory]
    [InlineData("Type \"2025-04-14\"", StepActions.Type, "29", true)]
    [InlineData("Type \"Meals\"", StepActions.Type, "29", false)]
    [InlineData("Type \"Meals\"", StepActions.Type, "28", true)]
    [InlineData("Type \"2025-04-14\"", StepActions.Type, "28", true)]
    [InlineData("Type \"93.88\"", StepActions.Type, "27", true)]
    [InlineData("Type \"-5\"", StepActions.Type, "27", true)]
    [InlineData("Type \"93.88 EUR\"", StepActions.Type, "27", false)]
    [InlineData("Select \"Travel\"", StepActions.SelectOption, "20", true)]
    [InlineData("Choose \"Office supplies\" now", StepActions.SelectOption, "20", true)]
    [InlineData("Select \"Meals\"", StepActions.SelectOption, "20", true)]
    [InlineData("Select \"2025-038\"", StepActions.SelectOption, "20", false)]
    [InlineData("Select \"Archived\"", StepActions.SelectOption, "20", false)]
    [InlineData("Select \"Travel\"", StepActions.SelectOption, "12", false)]
    [InlineData("Select \"PRJ-104 Apollo rollout\"", StepActions.SelectOption, "12", true)]
    [InlineData("Select \"Gone\"", StepActions.SelectOption, "9", false)]
    [InlineData("Submit the report", StepActions.Click, "3", true)]
    public void Build_WithValues_TheQuotedValueSuitsTheNamedElement(string description, string action, string node, bool accepted)
    {
        Assert.Equal(accepted, Grammar(values: true).Accepts(Step(description, action, node)));
    }

    [Fact]
    public void Build_WithoutValues_AnyQuotedValueOnAnyField()
    {
        // The failures the values rule out were possible before: the theory above is not vacuous.
        var blind = Grammar(values: false);

        Assert.True(blind.Accepts(Step("Type \"Meals\"", StepActions.Type, "29")));
        Assert.True(blind.Accepts(Step("Select \"2025-038\"", StepActions.SelectOption, "20")));
        Assert.True(blind.Accepts(Step("Select \"Travel\"", StepActions.SelectOption, "12")));
    }

    [Fact]
    public void Build_LabelRepeatedFiveTimes_TheOptionFixesTheWholeNodeLine()
    {
        var pruned = HtmlPruner.Prune(Form);
        var recogniser = new GbnfRecognizer(StepGrammar.Build(2, pruned.NodeIds.ToArray(), new StepGrammarOptions
        {
            NodeRepeat = 5,
            NodeActions = pruned.ActionsOf,
            NodeValues = pruned.ValuesOf,
        }));

        Assert.True(recogniser.Accepts(Step("Select \"Travel\"", StepActions.SelectOption, "20 20 20 20 20")));
        Assert.False(recogniser.Accepts(Step("Select \"Travel\"", StepActions.SelectOption, "20 20 20 20 12")));
        Assert.True(recogniser.Accepts(Step("Type \"2025-04-14\"", StepActions.Type, "29 29 29 29 29")));
    }

    [Fact]
    public void Build_OptionWithAQuoteOrTooLong_SelectFallsBackToAnyValue()
    {
        // A label the quoted value cannot hold leaves the select reachable with any value (the mapper then says why).
        const string Page = "<body node=\"9\"><select node=\"5\"><option node=\"4\">The \"best\" one</option></select><input node=\"2\" type=\"date\"></body>";
        var pruned = HtmlPruner.Prune(Page);
        var recogniser = new GbnfRecognizer(StepGrammar.Build(1, pruned.NodeIds.ToArray(), new StepGrammarOptions
        {
            NodeActions = pruned.ActionsOf,
            NodeValues = pruned.ValuesOf,
        }));

        Assert.True(recogniser.Accepts("1.\nDescription: Select \"best\"\nAction: select_option_action\nNode: 5\n"));
        Assert.False(recogniser.Accepts("1.\nDescription: Type \"best\"\nAction: keyboard_sequence_action\nNode: 2\n"));
    }

    [Fact]
    public void Build_TwoSelectsShareALabel_EitherTakesIt()
    {
        const string Page = "<body node=\"9\"><select node=\"6\"><option node=\"5\">Yes</option><option node=\"4\">No</option></select>" +
            "<select node=\"3\"><option node=\"2\">Yes</option><option node=\"1\">Maybe</option></select></body>";
        var pruned = HtmlPruner.Prune(Page);
        var recogniser = new GbnfRecognizer(StepGrammar.Build(1, pruned.NodeIds.ToArray(), new StepGrammarOptions { NodeActions = pruned.ActionsOf, NodeValues = pruned.ValuesOf }));

        Assert.True(recogniser.Accepts("1.\nDescription: Select \"Yes\"\nAction: select_option_action\nNode: 6\n"));
        Assert.True(recogniser.Accepts("1.\nDescription: Select \"Yes\"\nAction: select_option_action\nNode: 3\n"));
        Assert.True(recogniser.Accepts("1.\nDescription: Select \"Maybe\"\nAction: select_option_action\nNode: 3\n"));
        Assert.False(recogniser.Accepts("1.\nDescription: Select \"Maybe\"\nAction: select_option_action\nNode: 6\n"));
    }

    [Fact]
    public void ValuesOf_SelectWithMoreOptionsThanKept_OptionsUnknownAndAnyValue()
    {
        var options = string.Concat(Enumerable.Range(0, HtmlPruner.MaxOptionLabels + 1).Select(i => $"<option>Country {i}</option>"));
        var pruned = HtmlPruner.Prune($"<body node=\"9\"><select node=\"6\">{options}</select></body>");

        Assert.Empty(pruned.ValuesOf(6).Options);
        var recogniser = new GbnfRecognizer(StepGrammar.Build(1, pruned.NodeIds.ToArray(), new StepGrammarOptions { NodeActions = pruned.ActionsOf, NodeValues = pruned.ValuesOf }));
        Assert.True(recogniser.Accepts("1.\nDescription: Select \"Country 7\"\nAction: select_option_action\nNode: 6\n"));
    }
}
