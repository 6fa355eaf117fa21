using ScribeActors.Abstractions;
using ScribeActors.Agent;
using ScribeActors.Grains.Tests.Fakes;
using ScribeActors.Grains.Workflows;
using ScribeActors.Inference.Tests;

namespace ScribeActors.Grains.Tests.Workflows;

/// <summary>Loop detection in the workflow grain: a model served by a scripted OpenAI-compatible stand-in that, once on
/// the form, types the same amount into the same field for ever.</summary>
[Trait("Suite", "Cluster")]
public sealed class LoopDetectionTests
{
    private const string ModelId = "looping";

    [Fact]
    public async Task ModelWorkflow_SameTypeIntoSameFieldAgainAndAgain_FailsNamingTheActionElementAndCount()
    {
        await using var model = new FakeOpenAiServer(TypesTheSameForEver);
        await using var h = await StartAsync(model);

        var final = await h.WaitAsync((await h.Client.StartAsync(ModelSpec(maxSteps: 12))).Id, TimeSpan.FromSeconds(60));

        Assert.Equal(WorkflowStatus.Failed, final.Status);
        Assert.StartsWith("Loop detected: the same action (type node 1 \"42\" on <input", final.FailureReason, StringComparison.Ordinal);
        Assert.EndsWith(") was performed 3 times in a row on http://fake.test/form (steps 2 to 4); the step source is going round in circles.",
            final.FailureReason, StringComparison.Ordinal);
        Assert.Equal(4, final.Steps.Length); // the click, then three identical types; no fifth step was decided
        Assert.Equal(4, model.Requests.Count);
        Assert.All(final.Steps, s => Assert.True(s.Outcome!.Succeeded));
    }

    [Fact]
    public async Task ModelWorkflow_StepsThatChangeThePage_AreNotALoop()
    {
        // Click, type, submit: the same model, but each step moves on; it then finishes.
        await using var model = new FakeOpenAiServer(attempt => FakeOpenAiServer.Ok(attempt switch
        {
            1 => Step(1, "Click \"Open form\"", StepActions.Click, 1),
            2 => Step(2, "Type \"42\"", StepActions.Type, 1),
            3 => Step(3, "Click \"Submit\"", StepActions.Click, 0),
            _ => Step(attempt, "Done", StepActions.Finish, null),
        }));
        await using var h = await StartAsync(model);

        var final = await h.WaitAsync((await h.Client.StartAsync(ModelSpec(maxSteps: 12))).Id, TimeSpan.FromSeconds(60));

        Assert.Equal(WorkflowStatus.Succeeded, final.Status);
        Assert.Equal(["42"], h.Web.Submissions);
        Assert.Equal(4, final.Steps.Length);
    }

    [Fact]
    public async Task SelfHealingReplay_HealingModelRepeatsItself_FailsNamingTheLoop()
    {
        // The recorded "Add to basket" button is gone from the page; the healing model types the amount instead, each time.
        await using var model = new FakeOpenAiServer(attempt => FakeOpenAiServer.Ok(Step(attempt + 1, "Type \"42\"", StepActions.Type, 1)));
        await using var h = await StartAsync(model);
        var gone = new RecordedStep { Description = "Click \"Add to basket\"", Action = StepActions.Click, Signature = new TargetSignature { Tag = "button", Text = "Add to basket", Attributes = new() { ["id"] = "add-to-basket" } } };
        var recording = FakeWeb.Recording() with
        {
            Steps = [FakeWeb.Recording().Steps[0], .. Enumerable.Range(2, 5).Select(i => gone with { Index = i }), new RecordedStep { Index = 7, Description = "Done", Action = StepActions.Finish }],
        };
        var spec = FakeWeb.Spec() with { StepSource = StepSourceSpec.ForReplay(recording, new ModelRef { ModelId = ModelId }) };

        var final = await h.WaitAsync((await h.Client.StartAsync(spec)).Id, TimeSpan.FromSeconds(60));

        Assert.Equal(WorkflowStatus.Failed, final.Status);
        Assert.StartsWith("Loop detected: the same action (type node 1 \"42\" on <input", final.FailureReason, StringComparison.Ordinal);
        Assert.Contains("was performed 3 times in a row on http://fake.test/form (steps 2 to 4)", final.FailureReason, StringComparison.Ordinal);
        Assert.Null(final.Steps[0].Inference); // the recording's click
        Assert.All(final.Steps.Skip(1), s => Assert.NotNull(s.Inference));
        Assert.Equal(4, final.Steps.Length);
        Assert.Empty(h.Web.Submissions);
    }

    [Fact]
    public async Task SelfHealingReplay_HandOver_TheModelDecidesTheStepInsteadOfTheRecording()
    {
        await using var model = new FakeOpenAiServer(attempt => FakeOpenAiServer.Ok(Step(1, "Type \"42\"", StepActions.Type, 1)));
        await using var h = await StartAsync(model);
        var source = new StepSourceFactory(h.Grains).Create(FakeWeb.Spec() with { StepSource = StepSourceSpec.ForReplay(FakeWeb.Recording(amount: "7"), new ModelRef { ModelId = ModelId }) });
        var dom = "<html node=\"4\"><body node=\"3\"><label for=\"amount\" node=\"2\">Amount</label><input id=\"amount\" name=\"amount\" value=\"\" node=\"1\"><button type=\"submit\" node=\"0\">Submit</button></body></html>";
        var observation = new Observation { Url = FakeWeb.Origin + "/form", Dom = dom, Title = "/form" };
        var context = new StepContext(FakeWeb.Spec(), 1, observation, DomIndex.Parse(dom), []);

        var recorded = await source.DecideAsync(context, CancellationToken.None);
        var handed = await source.DecideAsync(context with { HandOver = "Loop detected: ..." }, CancellationToken.None);

        Assert.Equal("7", recorded.Action!.Text);  // the recording's own step
        Assert.Null(recorded.Inference);
        Assert.Equal(StepDecisionKind.Act, handed.Kind);
        Assert.Equal("42", handed.Action!.Text); // the model's
        Assert.NotNull(handed.Inference);
        Assert.Equal(2, handed.NextCursor); // it stands in for recorded step 2
        Assert.StartsWith("Replay handed step 2 over to the model (Loop detected: ...)", handed.Note, StringComparison.Ordinal);
    }

    private static FakeOpenAiServer.Reply TypesTheSameForEver(int attempt) => FakeOpenAiServer.Ok(attempt == 1
        ? Step(1, "Click \"Open form\"", StepActions.Click, 1)
        : Step(attempt, "Type \"42\"", StepActions.Type, 1));

    private static string Step(int number, string description, string action, int? node) =>
        $"{number}.\nDescription: {description}\nAction: {action}\nNode: {(node is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")}\n";

    private static WorkflowSpec ModelSpec(int maxSteps) => new()
    {
        Objective = "Submit the amount 42",
        StartUrl = FakeWeb.Origin + "/start",
        AllowedHosts = ["fake.test"],
        MaxSteps = maxSteps,
        StepSource = StepSourceSpec.ForModel(new ModelRef { ModelId = ModelId }),
    };

    private static Task<FakeCluster> StartAsync(FakeOpenAiServer model) => FakeCluster.StartAsync(null, new Dictionary<string, string?>
    {
        [$"Scribe:Models:{ModelId}:Endpoint"] = model.Endpoint,
    }, ["browser", "inference"]);
}
