using System.Text.RegularExpressions;
using ScribeActors.Abstractions;
using ScribeActors.Agent.Prompting;
using ScribeActors.Agent.Pruning;

namespace ScribeActors.Inference.Tests;

/// <summary>The page grammar (<see cref="StepGrammar"/> with <see cref="PrunedHtml.ActionsOf"/>) decoded by llama.cpp.</summary>
[Collection(TinyModelCollection.Name)]
public sealed partial class PageGrammarTests(TinyModelFixture fixture)
{
    private const int Seeds = 64;

    // The sign-in page of the failure in issue 12: a password input (node 10) beside a select (node 8).
    private const string SignIn =
        "<body node=\"20\"><form node=\"15\"><input node=\"12\" name=\"user\"><input node=\"10\" type=\"password\" name=\"pass\">" +
        "<select node=\"8\" name=\"site\"><option node=\"7\">EU</option></select><button node=\"3\">Sign in</button></form></body>";

    private readonly LlamaModel _model = fixture.Model;

    [GeneratedRegex(@"^1\.\nDescription: [^\n]+\nAction: (?<action>[a-z_]+)\nNode: (?<node>[0-9]+)\n$")]
    private static partial Regex StepPattern();

    [Fact]
    public async Task GenerateAsync_PageGrammarAtTemperatureOne_NeverSelectsOnThePasswordInput()
    {
        var pruned = HtmlPruner.Prune(SignIn);
        var options = new StepGrammarOptions
        {
            AllowedActions = [StepActions.Type, StepActions.SelectOption],
            MaxDescriptionChars = 12,
            NodeActions = pruned.ActionsOf,
        };

        var guarded = await GenerateAsync(StepGrammar.Build(1, pruned.NodeIds.ToArray(), options));
        var blind = await GenerateAsync(StepGrammar.Build(1, pruned.NodeIds.ToArray(), new StepGrammarOptions
        {
            AllowedActions = options.AllowedActions,
            MaxDescriptionChars = options.MaxDescriptionChars,
        }));

        // Under the page grammar: select only on the select, type only on the two fields, and both actions were drawn.
        Assert.All(guarded, s => Assert.True(
            s.Action == StepActions.SelectOption ? s.Node == 8 : s.Node is 10 or 12,
            $"the page grammar let the model write {s.Action} on node {s.Node}"));
        Assert.Contains(guarded, s => s.Action == StepActions.SelectOption);
        Assert.Contains(guarded, s => s.Action == StepActions.Type);

        // The same seeds without the element kinds do write forbidden pairs: the check above can fail.
        Assert.Contains(blind, s => s.Action == StepActions.SelectOption && s.Node != 8);
    }

    [Fact]
    public async Task GenerateAsync_PageGrammarWithValuesAtTemperatureOne_EveryValueSuitsItsElement()
    {
        // The expenses form of issue 12's online failures: a category typed into the date field, a report number
        // chosen in the category select.
        const string Form =
            "<body node=\"20\"><form node=\"15\"><input node=\"12\" type=\"date\" name=\"date\">" +
            "<select node=\"8\" name=\"category\"><option node=\"7\">Travel</option><option node=\"6\">Meals</option></select></form></body>";
        var pruned = HtmlPruner.Prune(Form);
        var options = new StepGrammarOptions
        {
            AllowedActions = [StepActions.Type, StepActions.SelectOption],
            MaxDescriptionChars = 24,
            NodeActions = pruned.ActionsOf,
        };

        var guarded = await GenerateWithDescriptionsAsync(StepGrammar.Build(1, pruned.NodeIds.ToArray(), new StepGrammarOptions
        {
            AllowedActions = options.AllowedActions,
            MaxDescriptionChars = options.MaxDescriptionChars,
            NodeActions = options.NodeActions,
            NodeValues = pruned.ValuesOf,
        }));
        var blind = await GenerateWithDescriptionsAsync(StepGrammar.Build(1, pruned.NodeIds.ToArray(), options));

        Assert.All(guarded, s => Assert.True(
            s.Action == StepActions.SelectOption ? s.Value is "Travel" or "Meals" : DatePattern().IsMatch(s.Value),
            $"the page grammar let the model write {s.Action} \"{s.Value}\" on node {s.Node}"));
        Assert.Contains(guarded, s => s.Action == StepActions.SelectOption);
        Assert.Contains(guarded, s => s.Action == StepActions.Type);

        // The same seeds without the values write values the elements refuse: the check above can fail.
        Assert.Contains(blind, s => s.Action == StepActions.SelectOption ? s.Value is not ("Travel" or "Meals") : !DatePattern().IsMatch(s.Value));
    }

    [Fact]
    public async Task GenerateAsync_PageGrammarWithNamesAtTemperatureOne_EveryClickNamesWhatItClicks()
    {
        const string Page =
            "<body node=\"20\"><h1 node=\"19\">Queue</h1><a node=\"12\" href=\"/q\">Approval queue</a><a node=\"11\" href=\"/n\">New report</a>" +
            "<button node=\"8\">Approve</button><button node=\"7\">Reject</button></body>";
        var pruned = HtmlPruner.Prune(Page);
        var options = new StepGrammarOptions { AllowedActions = [StepActions.Click], MaxDescriptionChars = 24, NodeActions = pruned.ActionsOf };

        var named = await GenerateClicksAsync(StepGrammar.Build(1, pruned.NodeIds.ToArray(), new StepGrammarOptions
        {
            AllowedActions = options.AllowedActions,
            MaxDescriptionChars = options.MaxDescriptionChars,
            NodeActions = options.NodeActions,
            NodeNames = pruned.NameOf,
        }));
        var blind = await GenerateClicksAsync(StepGrammar.Build(1, pruned.NodeIds.ToArray(), options));

        // A quoted name is the clicked element's; only an element without a name (the body) is clicked unquoted.
        Assert.All(named, s => Assert.Equal(pruned.NameOf(s.Node), s.Quoted));
        Assert.Contains(named, s => s.Quoted is not null);

        // Without the names the same seeds quote one thing and click another: the check above can fail.
        Assert.Contains(blind, s => s.Quoted != pruned.NameOf(s.Node));
    }

    [GeneratedRegex(@"^1\.\nDescription: (?<description>[^\n]*)\nAction: mouse_click_action\nNode: (?<node>[0-9]+)\n$")]
    private static partial Regex ClickStepPattern();

    private async Task<List<(int Node, string? Quoted)>> GenerateClicksAsync(string grammar) =>
        [.. (await SampleAsync("You click through web pages.", "Open the approval queue.", grammar, ClickStepPattern())).Select(m =>
        {
            var quoted = Regex.Match(m.Groups["description"].Value, "\"([^\"]*)\"");
            return (Node(m), quoted.Success ? quoted.Groups[1].Value : null);
        })];

    [GeneratedRegex(@"^[0-9]{4}-[0-1][0-9]-[0-3][0-9]$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^1\.\nDescription: [^""\n]*""(?<value>[^""\n]*)""[^\n]*\nAction: (?<action>[a-z_]+)\nNode: (?<node>[0-9]+)\n$")]
    private static partial Regex ValueStepPattern();

    private async Task<List<(string Action, int Node, string Value)>> GenerateWithDescriptionsAsync(string grammar) =>
        [.. (await SampleAsync("You fill in forms.", "Fill in the expense.", grammar, ValueStepPattern())).Select(m => (m.Groups["action"].Value, Node(m), m.Groups["value"].Value))];

    private async Task<List<(string Action, int Node)>> GenerateAsync(string grammar) =>
        [.. (await SampleAsync("You fill in forms.", "Sign in.", grammar, StepPattern())).Select(m => (m.Groups["action"].Value, Node(m)))];

    /// <summary>One step per seed at temperature 1 under <paramref name="grammar"/>, each ended by the grammar and
    /// matched by <paramref name="pattern"/>.</summary>
    private async Task<List<Match>> SampleAsync(string system, string user, string grammar, Regex pattern)
    {
        var prompt = _model.RenderChat(system, user);
        var results = await Task.WhenAll(Enumerable.Range(0, Seeds).Select(seed => _model.GenerateAsync(
            new GenerationRequest { Prompt = prompt, Grammar = grammar, MaxTokens = 128, Temperature = 1.0f, TopP = 1, Seed = seed },
            CancellationToken.None)));

        return [.. results.Select(r =>
        {
            Assert.Equal(StopReasons.GrammarEnd, r.StopReason);
            var match = pattern.Match(r.Text);
            Assert.True(match.Success, $"not a step of the expected shape: {r.Text}");
            return match;
        })];
    }

    private static int Node(Match m) => int.Parse(m.Groups["node"].Value, System.Globalization.CultureInfo.InvariantCulture);
}
