using ScribeActors.Abstractions;
using ScribeActors.Agent;
using ScribeActors.Grains.Workflows;

namespace ScribeActors.Grains.Tests.Workflows;

public sealed class ModelStepSourceTests
{
    private static StepRecord Performed(int index, ScribeStep step, bool structured) => new()
    {
        Index = index,
        Step = structured ? step : null,
        Description = structured ? null : step.Render(), // a record stored before steps were kept structured
        Action = BrowserAction.Click(step.Node ?? 0),
        Outcome = ActionResult.Success("https://s.test/", TimeSpan.Zero),
        UrlBefore = "https://s.test/",
    };

    [Fact]
    public void PerformedSteps_StructuredAndOlderTextRecords_BothBecomeTheHistoryNumberedInOrder()
    {
        var save = new ScribeStep(4, "Click \"Save\"", StepActions.Click, 9, "<button node=\"9\">");
        var next = new ScribeStep(7, "Click \"Next\"", StepActions.Click, 12, "<a node=\"12\">");
        var failed = Performed(1, next, structured: true) with { Outcome = ActionResult.Fail(ActionFailureKind.ElementDetached, "gone") };

        var history = ModelStepSource.PerformedSteps([Performed(0, save, structured: true), failed, Performed(2, next, structured: false)]);

        Assert.Equal([save with { Number = 1 }, next with { Number = 2 }], history);
    }

    [Fact]
    public void IsTargetPresent_StructuredStep_ComparesTheRecordedTargetsTagWithThePage()
    {
        var source = new ModelStepSource(new ModelRef { ModelId = "m" }, null!);
        var record = Performed(0, new ScribeStep(1, "Click \"Save\"", StepActions.Click, 2, "<button node=\"2\">"), structured: true);

        Assert.True(source.IsTargetPresent(record, DomIndex.Parse("<html node=\"0\"><body node=\"1\"><button node=\"2\">Save</button></body></html>")));
        Assert.False(source.IsTargetPresent(record, DomIndex.Parse("<html node=\"0\"><body node=\"1\"><a node=\"2\">Save</a></body></html>")));
    }
}
