using ScribeActors.Abstractions;
using ScribeActors.Agent.Recording;

namespace ScribeActors.Agent.Tests.Recording;

public sealed class WorkflowRecorderTests
{
    private static readonly string Login = TestPages.Number(
        "<html><body><form><input name=\"username\" id=\"u-93\"><button type=\"submit\" class=\"x-93\">Sign in</button></form></body></html>");

    /// <summary>A stand-in browser over one static page: selectors are looked up in a fixed map.</summary>
    private sealed class StaticBrowser(Dictionary<string, int> selectors, ActionResult? result = null) : IRecordingBrowser
    {
        public List<BrowserAction> Executed { get; } = [];

        public Task<Observation> ObserveAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new Observation { Url = "http://s.test/login", Dom = Login, NodeCount = 6 });

        public Task<int?> ResolveNodeAsync(string selector, CancellationToken cancellationToken) =>
            Task.FromResult(selectors.TryGetValue(selector, out var n) ? n : (int?)null);

        public Task<ActionResult> ExecuteAsync(BrowserAction action, CancellationToken cancellationToken)
        {
            Executed.Add(action);
            return Task.FromResult(result ?? ActionResult.Success("http://s.test/login", TimeSpan.Zero));
        }
    }

    [Fact]
    public async Task RecordAsync_Script_RecordsSignaturesTargetsAndPerformsEachStep()
    {
        var dom = DomIndex.Parse(Login);
        var input = dom.NodeIds.Single(id => dom.Find(id)!.LocalName == "input");
        var button = dom.NodeIds.Single(id => dom.Find(id)!.LocalName == "button");
        var browser = new StaticBrowser(new() { ["input[name=username]"] = input, ["button:has-text(\"Sign in\")"] = button });

        var recording = await WorkflowRecorder.RecordAsync(browser, "Sign in", "http://s.test/login",
        [
            new ScriptedStep { Description = "Type \"alice\"", Action = StepActions.Type, Selector = "input[name=username]", Value = "alice" },
            new ScriptedStep { Description = "Click \"Sign in\"", Action = StepActions.Click, Selector = "button:has-text(\"Sign in\")" },
            new ScriptedStep { Description = "Done", Action = StepActions.Finish },
        ]);

        Assert.Equal(3, recording.Steps.Length);
        Assert.Equal([BrowserAction.Type(input, "alice"), BrowserAction.Click(button)], browser.Executed);
        Assert.Equal("username", recording.Steps[0].Signature!.Attributes["name"]);
        Assert.Equal("Sign in", recording.Steps[1].Signature!.Text);
        Assert.Equal(dom.OpeningTag(button), recording.Steps[1].Target);
        Assert.Equal([1, 2, 3], recording.Steps.Select(s => s.Index));
        Assert.Empty(RecordedWorkflowFile.Validate(recording));
    }

    [Fact]
    public async Task RecordAsync_ObservedSink_ReceivesEveryStepsObservationInOrder()
    {
        var dom = DomIndex.Parse(Login);
        var button = dom.NodeIds.Single(id => dom.Find(id)!.LocalName == "button");
        var browser = new StaticBrowser(new() { ["b"] = button });
        var seen = new List<(int Step, string Dom)>();

        await WorkflowRecorder.RecordAsync(browser, "o", "http://s.test/login",
        [
            new ScriptedStep { Description = "Click \"Sign in\"", Action = StepActions.Click, Selector = "b" },
            new ScriptedStep { Description = "Done", Action = StepActions.Finish },
        ], observed: (step, observation) => seen.Add((step, observation.Dom)));

        Assert.Equal([(1, Login), (2, Login)], seen);
    }

    [Theory]
    [InlineData("http://s.test/home", true)]
    [InlineData("http://s.test/login", false)]
    public async Task RecordAsync_ActionTimesOut_AcceptedOnlyWhenThePageMovedOn(string urlAfter, bool accepted)
    {
        var dom = DomIndex.Parse(Login);
        var button = dom.NodeIds.Single(id => dom.Find(id)!.LocalName == "button");
        var browser = new StaticBrowser(new() { ["b"] = button }, ActionResult.Fail(ActionFailureKind.Timeout, "no load event", urlAfter));
        var record = () => WorkflowRecorder.RecordAsync(browser, "o", "http://s.test/login",
            [new ScriptedStep { Description = "Click \"Sign in\"", Action = StepActions.Click, Selector = "b" }]);
        if (accepted)
        {
            Assert.Single((await record()).Steps);
        }
        else
        {
            var e = await Assert.ThrowsAsync<RecordingException>(record);
            Assert.Contains("Timeout", e.Message);
        }
    }

    [Fact]
    public async Task RecordAsync_SelectorMatchesNothing_ThrowsNamingStepAndSelector()
    {
        var browser = new StaticBrowser([]);
        var e = await Assert.ThrowsAsync<RecordingException>(() => WorkflowRecorder.RecordAsync(browser, "o", "http://s.test/login",
            [new ScriptedStep { Description = "Click \"Go\"", Action = StepActions.Click, Selector = "text=Go" }]));
        Assert.Contains("Step 1 (Click \"Go\")", e.Message);
        Assert.Contains("text=Go", e.Message);
    }
}
