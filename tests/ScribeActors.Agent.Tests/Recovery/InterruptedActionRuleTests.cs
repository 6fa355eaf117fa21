using ScribeActors.Abstractions;
using ScribeActors.Agent.Recovery;

namespace ScribeActors.Agent.Tests.Recovery;

public sealed class InterruptedActionRuleTests
{
    private const string Form = "http://s.test/dispute";

    [Fact]
    public void Resolve_SessionRecordedTheResult_UsesItEvenWhenThePageLooksUnchanged()
    {
        var recorded = ActionResult.Fail(ActionFailureKind.NotInteractable, "disabled", Form);
        var verdict = InterruptedActionRule.Resolve(BrowserAction.Click(3), Form, recorded, Form, targetPresent: true);
        Assert.True(verdict.Performed);
        Assert.Same(recorded, verdict.Outcome);
    }

    [Theory]
    [InlineData(BrowserActionKind.Type)]
    [InlineData(BrowserActionKind.Select)]
    [InlineData(BrowserActionKind.Scroll)]
    [InlineData(BrowserActionKind.Goto)]
    public void Resolve_IdempotentActionWithoutRecord_IsTakenAgain(BrowserActionKind kind)
    {
        var action = new BrowserAction { Kind = kind, NodeId = 1, Text = "x", Url = "http://s.test/" };
        var verdict = InterruptedActionRule.Resolve(action, Form, null, "http://s.test/elsewhere", targetPresent: false);
        Assert.False(verdict.Performed);
        Assert.Contains("idempotent", verdict.Reason);
    }

    [Fact]
    public void Resolve_ClickAndPageMovedOn_IsTakenAsDoneNeverRepeated()
    {
        var verdict = InterruptedActionRule.Resolve(BrowserAction.Click(3), Form, null, "http://s.test/dispute/confirmation/D-1", targetPresent: true);
        Assert.True(verdict.Performed);
        Assert.True(verdict.Outcome!.Succeeded);
        Assert.Contains("moved on", verdict.Reason);
    }

    [Fact]
    public void Resolve_KeyPressAndTargetGone_IsTakenAsDone()
    {
        var verdict = InterruptedActionRule.Resolve(BrowserAction.Key("Enter", 3), Form, null, Form + "#results", targetPresent: false);
        Assert.True(verdict.Performed);
        Assert.Contains("no longer", verdict.Reason);
    }

    [Fact]
    public void Resolve_ClickAndPageStillShowsTarget_IsNotPerformed()
    {
        var verdict = InterruptedActionRule.Resolve(BrowserAction.Click(3), Form, null, Form, targetPresent: true);
        Assert.False(verdict.Performed);
        Assert.Null(verdict.Outcome);
        Assert.Contains("did not take effect", verdict.Reason);
    }

    [Fact]
    public void Resolve_BackWithoutRecord_IsNotRepeatedBlindly()
    {
        // Back is not idempotent: going back twice lands two pages back.
        var verdict = InterruptedActionRule.Resolve(BrowserAction.Back(), Form, null, "http://s.test/list", targetPresent: true);
        Assert.True(verdict.Performed);
    }

    [Theory]
    [InlineData("http://s.test/a", "http://s.test/a#top", true)]
    [InlineData("http://s.test/a/", "http://s.test/a", true)]
    [InlineData("http://s.test/a?page=1", "http://s.test/a?page=2", false)]
    [InlineData(null, "http://s.test/a", false)]
    public void SamePage_IgnoresFragmentAndTrailingSlashOnly(string? a, string b, bool same) =>
        Assert.Equal(same, InterruptedActionRule.SamePage(a, b));
}
