using ScribeActors.Abstractions;
using ScribeActors.Agent.Planning;
using ScribeActors.Agent.Prompting;
using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Tests.Planning;

public sealed class ModelStepPlannerTests
{
    private const string Page = """
        <html node="9"><head node="8"><title node="7">Invoices</title></head><body node="6">
        <form node="5"><label node="4">Invoice number</label><input node="3" name="q" type="text" placeholder="Invoice number"/>
        <button node="2" type="submit">Search</button></form><a node="1" href="/help">Help</a><p node="0">Welcome back.</p></body></html>
        """;

    private static PlanRequest Request(IReadOnlyList<ScribeStep>? history = null, PlanSettings? settings = null, string? objective = null) =>
        new(objective ?? "Find invoice 4471", "http://portal.test/invoices", Page, history ?? [], settings ?? new PlanSettings());

    [Fact]
    public async Task PlanAsync_ValidOutput_CopiesTargetFromThePageNotTheModel()
    {
        var model = new ScriptedGenerator("1.\nDescription: Type \"4471\"\nAction: keyboard_sequence_action\nNode: 3\nTarget: <input made-up=\"yes\">\n");
        var planned = await ModelStepPlanner.PlanAsync(Request(), model, CancellationToken.None);

        Assert.Null(planned.Error);
        Assert.Equal(3, planned.Step!.Node);
        Assert.Equal("<input name=\"q\" node=\"3\" placeholder=\"Invoice number\" type=\"text\"/>", planned.Step.Target);
        Assert.Equal(1, planned.Attempts);
        Assert.Contains("\"1.\\nDescription: \"", model.Calls[0].Grammar, StringComparison.Ordinal);
        Assert.StartsWith("<|im_start|>system\nHelp achieve the objective by generating the next step.<|im_end|>", model.Calls[0].Prompt, StringComparison.Ordinal);
        Assert.Contains("Objective: Find invoice 4471\nURL: http://portal.test/invoices\nObservation: ", model.Calls[0].User, StringComparison.Ordinal);
        Assert.EndsWith("\nStep-by-step guide:\n", model.Calls[0].User, StringComparison.Ordinal);
        Assert.Equal(model.Calls[0].Prompt, planned.Prompt); // what the step record's prompt artefact keeps
    }

    [Fact]
    public async Task PlanAsync_InvalidOutputs_RetriesWithNextSeedsThenFailsNamingEveryReason()
    {
        var model = new ScriptedGenerator(
            "1.\nDescription: Click it\nAction: mouse_click_action\nNode: 812\n",
            "not a step at all",
            "1.\nDescription: Type\nAction: keyboard_sequence_action\nNode: 3\n");
        var planned = await ModelStepPlanner.PlanAsync(Request(settings: new PlanSettings(MaxInvalidRetries: 2, Seed: 10)), model, CancellationToken.None);

        Assert.Null(planned.Step);
        Assert.Equal(3, planned.Attempts);
        Assert.Equal([10, 11, 12], model.Calls.Select(c => c.Seed));
        Assert.Contains("812", planned.Rejected[0], StringComparison.Ordinal);
        Assert.Contains("cannot be performed", planned.Rejected[2], StringComparison.Ordinal);
        Assert.Contains("no valid step in 3 attempts", planned.Error, StringComparison.Ordinal);
        Assert.Equal(model.Calls[^1].Prompt, planned.Prompt); // a failed step keeps the prompt the model saw too
    }

    [Fact]
    public async Task PlanAsync_SecondOutputValid_ReturnsItAfterOneRejection()
    {
        var model = new ScriptedGenerator("garbage", "1.\nDescription: Click \"Search\"\nAction: mouse_click_action\nNode: 2\n");
        var planned = await ModelStepPlanner.PlanAsync(Request(), model, CancellationToken.None);

        Assert.Equal(2, planned.Step!.Node);
        Assert.Equal(2, planned.Attempts);
        Assert.Single(planned.Rejected);
    }

    [Fact]
    public async Task PlanAsync_HistoryRenumberedAndRenderedWithOneNodeId()
    {
        var history = new[] { new ScribeStep(7, "Click \"Invoices\"", "mouse_click_action", 12, "<a node=\"12\">") };
        var model = new ScriptedGenerator("2.\nDescription: Click \"Search\"\nAction: mouse_click_action\nNode: 2\n");
        var planned = await ModelStepPlanner.PlanAsync(Request(history), model, CancellationToken.None);

        Assert.Null(planned.Error);
        Assert.EndsWith("Step-by-step guide:\n1.\nDescription: Click \"Invoices\"\nAction: mouse_click_action\nNode: 12\nTarget: <a node=\"12\">\n", model.Calls[0].User, StringComparison.Ordinal);
        Assert.Contains("\"2.\\n", model.Calls[0].Grammar, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanAsync_PromptWithoutPageExceedsContext_FailsWithTheArithmeticAndNeverGenerates()
    {
        var model = new ScriptedGenerator("unused") { ContextSize = 300 };
        var planned = await ModelStepPlanner.PlanAsync(Request(objective: string.Join(' ', Enumerable.Repeat("dispute", 200))), model, CancellationToken.None);

        Assert.Null(planned.Step);
        Assert.Contains("300-token context", planned.Error, StringComparison.Ordinal);
        Assert.Empty(model.Calls);
    }

    [Fact]
    public async Task PlanAsync_SmallContext_ObservationFittedAndPromptWithinContext()
    {
        // The fitter keeps the form field first when little fits (the button may not).
        var model = new ScriptedGenerator("1.\nDescription: Type \"4471\"\nAction: keyboard_sequence_action\nNode: 3\n") { ContextSize = 200 };
        var planned = await ModelStepPlanner.PlanAsync(Request(settings: new PlanSettings(MaxOutputTokens: 40)), model, CancellationToken.None);

        var prompt = model.Calls.Single().Prompt;
        Assert.True(model.Tokens.CountTokens(prompt) + 40 <= 200, $"{model.Tokens.CountTokens(prompt)} prompt tokens");
        Assert.True(planned.Truncated);
        Assert.True(planned.ObservationTokens > 0);
    }

    [Fact]
    public async Task PlanAsync_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ModelStepPlanner.PlanAsync(Request(), new ScriptedGenerator("x"), cts.Token));
    }

    [Fact]
    public async Task PlanAsync_FinishNotAllowed_GrammarOffersNoFinishAndAFinishOutputIsRejected()
    {
        var model = new ScriptedGenerator("1.\nDescription: Done\nAction: finish_action\nNode: none\n");
        var planned = await ModelStepPlanner.PlanAsync(Request(settings: new PlanSettings(AllowFinish: false, MaxInvalidRetries: 0)), model, CancellationToken.None);

        Assert.DoesNotContain("finish_action", model.Calls[0].Grammar, StringComparison.Ordinal);
        Assert.Contains("go_back_action", model.Calls[0].Grammar, StringComparison.Ordinal);
        Assert.Null(planned.Step);
    }

    [Fact]
    public async Task PlanAsync_PageWithoutElements_GrammarOffersOnlyStepsWithoutANode()
    {
        var model = new ScriptedGenerator("1.\nDescription: Scroll down\nAction: scroll_action\nNode: none\n");
        var planned = await ModelStepPlanner.PlanAsync(Request() with { Dom = "<!-- an empty page -->" }, model, CancellationToken.None);

        Assert.Null(planned.Error);
        Assert.Null(planned.Step!.Node);
        Assert.DoesNotContain("mouse_click_action", model.Calls[0].Grammar, StringComparison.Ordinal);
        Assert.Contains("scroll_action", model.Calls[0].Grammar, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanAsync_OptionsOnThePage_AreNeverOfferedAsTargets()
    {
        const string select = "<html node=\"4\"><body node=\"3\"><select node=\"2\" name=\"reason\"><option node=\"1\">Damaged</option><option node=\"0\">Late</option></select></body></html>";
        var model = new ScriptedGenerator("1.\nDescription: Click \"Damaged\"\nAction: mouse_click_action\nNode: 1\n");
        var planned = await ModelStepPlanner.PlanAsync(Request(settings: new PlanSettings(MaxInvalidRetries: 0)) with { Dom = select }, model, CancellationToken.None);

        Assert.Null(planned.Step);
        Assert.Contains("Node 1 is not on the page", planned.Error, StringComparison.Ordinal);
        Assert.Equal(2, planned.ShownNodes); // body and select; the options are left out
    }

    [Fact]
    public void CreateFitter_UnknownName_NamesTheChoices()
    {
        var e = Assert.Throws<ArgumentException>(() => ModelStepPlanner.CreateFitter("middle"));
        Assert.Contains("'interactive' or 'tail'", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Orchestration fake: answers with scripted outputs in order (the last repeats).</summary>
    private sealed class ScriptedGenerator(params string[] outputs) : IStepGenerator
    {
        public List<GenerationCall> Calls { get; } = [];

        public string ModelId => "scripted";

        public ITokenCounter Tokens { get; } = new ApproximateTokenCounter();

        public IChatTemplate Template => ChatMlTemplate.Instance;

        public int ContextSize { get; init; } = 4096;

        public Task<GeneratedText> GenerateAsync(GenerationCall call, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Calls.Add(call);
            var text = outputs[Math.Min(Calls.Count - 1, outputs.Length - 1)];
            return Task.FromResult(new GeneratedText(text, Tokens.CountTokens(call.Prompt), Tokens.CountTokens(text), TimeSpan.Zero, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(2)));
        }
    }
}
