using ScribeActors.Abstractions;
using ScribeActors.Agent.Prompting;
using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Tests.Prompting;

/// <summary>Typed text copied from the objective (<see cref="StepGrammarOptions.TypedTextSource"/>). Online, the trained
/// model typed "INV-5396" into the search of a task about INV-3076, and half-copied values ("Travel to the Vienna sers").</summary>
public sealed class TypedTextSpansTests
{
    private const string Objective =
        "Sign in as bob (password {{secret:expenses_employee_password}}) and submit a new expense report: date 2025-04-14, " +
        "category Travel, amount 93.88 EUR, merchant SNCF Connect, business purpose \"Travel to the Rotterdam customer workshop\", " +
        "project Apollo rollout (PRJ-104).";

    private const string Form =
        "<body node=\"40\"><form node=\"39\"><input node=\"29\" type=\"date\" name=\"date\"><input node=\"28\" name=\"merchant\">" +
        "<input node=\"27\" type=\"number\" name=\"amount\"><textarea node=\"26\" name=\"purpose\"></textarea><button node=\"3\">Next</button></form></body>";

    private static GbnfRecognizer Grammar(string? source)
    {
        var pruned = HtmlPruner.Prune(Form);
        var recogniser = new GbnfRecognizer(StepGrammar.Build(2, pruned.NodeIds.ToArray(), new StepGrammarOptions
        {
            NodeActions = pruned.ActionsOf,
            NodeValues = pruned.ValuesOf,
            NodeNames = pruned.NameOf,
            TypedTextSource = source,
        }));
        Assert.Empty(recogniser.UnboundedRepetitions);
        Assert.Empty(recogniser.Unreferenced);
        return recogniser;
    }

    private static string Type(string value, string node) => $"2.\nDescription: Type \"{value}\"\nAction: {StepActions.Type}\nNode: {node}\n";

    [Theory]
    [InlineData("bob", "28", true)]
    [InlineData("{{secret:expenses_employee_password}}", "28", true)]
    [InlineData("SNCF Connect", "28", true)]
    [InlineData("Apollo rollout (PRJ-104)", "28", true)]
    [InlineData("PRJ-104", "28", true)]
    [InlineData("Travel to the Rotterdam customer workshop", "26", true)]
    [InlineData("Rotterdam customer", "26", false)]
    [InlineData("Travel to the Rotterdam", "26", false)]
    [InlineData("Travel to the Vienna customer workshop", "26", false)]
    [InlineData("SNCF Conn", "28", false)]
    [InlineData("INV-5396", "28", false)]
    [InlineData("bob (password", "28", true)]
    [InlineData("2025-04-14", "29", true)]
    [InlineData("2025-04-15", "29", false)]
    [InlineData("93.88", "27", true)]
    [InlineData("93.89", "27", false)]
    [InlineData("93.88 EUR", "27", false)]
    public void Build_TypedTextFromTheObjective_RunsOfItsWordsOnly(string value, string node, bool accepted)
    {
        Assert.Equal(accepted, Grammar(Objective).Accepts(Type(value, node)));
    }

    [Fact]
    public void Build_WithoutASource_AnyText()
    {
        var blind = Grammar(null);

        Assert.True(blind.Accepts(Type("INV-5396", "28")));
        Assert.True(blind.Accepts(Type("2025-04-15", "29")));
    }

    [Fact]
    public void Build_SourceWithoutADate_TheDateFieldTakesAnyDate()
    {
        var recogniser = Grammar("Sign in as bob and file the report.");

        Assert.True(recogniser.Accepts(Type("2025-04-15", "29")));
        Assert.True(recogniser.Accepts(Type("bob", "28")));
        Assert.False(recogniser.Accepts(Type("alice", "28")));
    }

    [Fact]
    public void All_Runs_WholeWordsWithEdgePunctuationSplitOff()
    {
        var runs = TypedTextSpans.All("amount 93.88 EUR, project Apollo (PRJ-104).", 100).ToList();

        Assert.Contains("93.88", runs);
        Assert.Contains("93.88 EUR", runs);
        Assert.Contains("93.88 EUR,", runs);
        Assert.Contains("Apollo (PRJ-104)", runs);
        Assert.Contains("PRJ-104", runs);
        Assert.DoesNotContain("PRJ", runs);
        Assert.DoesNotContain("3.88", runs);
        Assert.Equal(runs.Count, runs.Distinct().Count());
        Assert.All(TypedTextSpans.All("amount 93.88 EUR, project Apollo (PRJ-104).", 10), r => Assert.True(r.Length <= 10, r));
    }

    [Fact]
    public void All_AQuotedPart_IsOneRunTakenWhole()
    {
        // Online the trained model typed "1 units of Corrugated boxes 40x30x30 arrived damaged and" for a dispute whose
        // objective quoted the whole description.
        const string Source = "reason \"Damaged goods\", description \"1 units of Corrugated boxes arrived damaged and were returned.\". Confirm it.";

        var runs = TypedTextSpans.All(Source, 100).ToList();

        Assert.Contains("Damaged goods", runs);
        Assert.Contains("1 units of Corrugated boxes arrived damaged and were returned.", runs);
        Assert.DoesNotContain("Damaged", runs);
        Assert.DoesNotContain("1 units of Corrugated boxes arrived damaged and", runs);
        Assert.DoesNotContain(runs, r => r.Contains("returned", StringComparison.Ordinal) && !r.StartsWith("1 units", StringComparison.Ordinal));
        Assert.Contains("reason", runs);
        Assert.Contains("Confirm it", runs);

        // A quoted part longer than the budget is left to runs of its words; an unpaired quote quotes nothing.
        Assert.Contains("1 units", TypedTextSpans.All(Source, 20));
        Assert.Contains("open", TypedTextSpans.All("an \"open quote", 100));
    }

    [Fact]
    public void Build_AQuotedPart_TypedWholeOnly()
    {
        var recogniser = Grammar("file a dispute: description \"Only 12 of the 15 units were delivered.\", amount 5.");

        Assert.True(recogniser.Accepts(Type("Only 12 of the 15 units were delivered.", "26")));
        Assert.False(recogniser.Accepts(Type("Only 12 of the 15 units were", "26")));
        Assert.False(recogniser.Accepts(Type("15 units were delivered.", "26")));
        Assert.True(recogniser.Accepts(Type("amount", "28")));
    }

    [Fact]
    public void Build_WithVerbs_AQuotedDescriptionOfTheDisputeTaskFitsTheDefaultBudget()
    {
        // At the default 160 output tokens the Description budget of step 10 is about 92 characters; with a free lead's
        // 22 and a trail's 11 reserved the value kept 57, so the 72-character dispute description could only be typed in
        // part. With verbs the value keeps all but the longest verb and the quotes, and nothing follows the quote.
        const string Description = "1 units of Corrugated boxes 40x30x30 arrived damaged and were returned.";
        var pruned = HtmlPruner.Prune(Form);
        var budget = ScribeActors.Agent.Planning.ModelStepPlanner.DescriptionBudget(160, 1, 10, [.. pruned.NodeIds]);
        var recogniser = new GbnfRecognizer(StepGrammar.Build(10, pruned.NodeIds.ToArray(), new StepGrammarOptions
        {
            NodeActions = pruned.ActionsOf,
            NodeValues = pruned.ValuesOf,
            NodeNames = pruned.NameOf,
            TypedTextSource = $"description \"{Description}\"",
            Verbs = DescriptionVerbs.Recorded,
            MaxDescriptionChars = budget,
        }));

        Assert.InRange(budget, 80, 100);
        Assert.True(recogniser.Accepts($"10.\nDescription: Type \"{Description}\"\nAction: {StepActions.Type}\nNode: 26\n"));
        Assert.False(recogniser.Accepts($"10.\nDescription: Type \"{Description}\" now\nAction: {StepActions.Type}\nNode: 26\n"));
    }

    [Theory]
    [InlineData("Submit a report: category Training, amount 5.", "Training", true)]
    [InlineData("Submit a report: category Training, amount 5.", "Travel", false)]
    [InlineData("Submit a report for the workshop.", "Travel", true)]
    [InlineData("Submit a report for the workshop.", "Training", true)]
    public void Build_SelectWithOptionsTheObjectiveNames_OnlyThose(string objective, string option, bool accepted)
    {
        // Online the bundled model chose "Office supplies" for a report whose objective said "category Training".
        const string Page = "<body node=\"9\"><select node=\"6\"><option>Travel</option><option>Training</option><option>Office supplies</option></select></body>";
        var pruned = HtmlPruner.Prune(Page);
        var recogniser = new GbnfRecognizer(StepGrammar.Build(1, pruned.NodeIds.ToArray(), new StepGrammarOptions
        {
            NodeActions = pruned.ActionsOf,
            NodeValues = pruned.ValuesOf,
            TypedTextSource = objective,
        }));

        Assert.Equal(accepted, recogniser.Accepts($"1.\nDescription: Select \"{option}\"\nAction: {StepActions.SelectOption}\nNode: 6\n"));
    }
}
