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

public sealed class InterruptedActionRuleRebuiltPageTests
{
    private const string Form = "http://s.test/expenses/new";

    [Fact]
    public void Resolve_PageRebuiltAndARequestWasSent_IsPerformedAndNeverRepeatedAlthoughThePageShowsTheTarget()
    {
        var evidence = new InterruptionEvidence(null, Form, TargetPresent: true) { PageRebuilt = true, SentRequest = "POST http://s.test/expenses/new" };
        var verdict = InterruptedActionRule.Resolve(BrowserAction.Click(3), Form, evidence);
        Assert.True(verdict.Performed);
        Assert.Equal("it had sent POST http://s.test/expenses/new when the browser that performed it went away; the server may have acted on it, so it is not repeated", verdict.Reason);
        Assert.True(verdict.Uncertain); // nothing shows the server got it
    }

    [Fact]
    public void Resolve_PageRebuiltAndTheRequestCarriedAnIdempotencyKey_IsTakenAgainUnderThatKey()
    {
        var evidence = new InterruptionEvidence(null, Form, TargetPresent: true) { PageRebuilt = true, SentRequest = "POST http://s.test/expenses/new", SentIdempotencyKey = "wf/4" };
        var verdict = InterruptedActionRule.Resolve(BrowserAction.Click(3), Form, evidence);
        Assert.False(verdict.Performed);
        Assert.Equal("wf/4", verdict.IdempotencyKey);
        Assert.False(verdict.Uncertain); // the server decides, under the key, whether it acts
        Assert.Equal("it had sent POST http://s.test/expenses/new under Idempotency-Key wf/4 when the browser that performed it went away, and that server honours the key, so the Click is taken again under it (the server acts on it once, whether or not the first one arrived)", verdict.Reason);
    }

    [Fact]
    public void Resolve_KeyedRequestWhoseTargetTheFreshPageNoLongerOffers_IsPerformed()
    {
        // Seen in a faults round: the reject POST reached the server, the rebuilt approval queue no longer lists the
        // report, so there is nothing to take again (and the replay would not find the row).
        var evidence = new InterruptionEvidence(null, "http://s.test/expenses/approvals", TargetPresent: false) { PageRebuilt = true, SentRequest = "POST http://s.test/expenses/approvals/EXP-1/reject", SentIdempotencyKey = "wf/4" };
        var verdict = InterruptedActionRule.Resolve(BrowserAction.Click(3), "http://s.test/expenses/approvals", evidence);
        Assert.True(verdict.Performed);
        Assert.Null(verdict.IdempotencyKey);
        Assert.False(verdict.Uncertain);
        Assert.Contains("no longer offers its target", verdict.Reason);
    }

    [Fact]
    public void Resolve_KeyedRequestThatLedSomewhere_IsPerformed_TheLandingIsStrongerEvidence()
    {
        const string details = "http://s.test/expenses/reports/EXP-1/details";
        var evidence = new InterruptionEvidence(null, Form, TargetPresent: true) { PageRebuilt = true, SentRequest = "POST http://s.test/expenses/new", SentLandingUrl = details, SentIdempotencyKey = "wf/4" };
        var verdict = InterruptedActionRule.Resolve(BrowserAction.Click(3), Form, evidence);
        Assert.True(verdict.Performed);
        Assert.Null(verdict.IdempotencyKey);
        Assert.Equal(details, verdict.Outcome!.UrlAfter);
    }

    [Fact]
    public void Resolve_PageRebuiltAfterTheRequestLedSomewhere_IsPerformedAndTheOutcomeIsThatPage()
    {
        const string details = "http://s.test/expenses/reports/EXP-1/details";
        var evidence = new InterruptionEvidence(null, Form, TargetPresent: true) { PageRebuilt = true, SentRequest = "POST http://s.test/expenses/new", SentLandingUrl = details };
        var verdict = InterruptedActionRule.Resolve(BrowserAction.Click(3), Form, evidence);
        Assert.True(verdict.Performed);
        Assert.Equal(details, verdict.Outcome!.UrlAfter);
        Assert.Contains($"which led to {details}", verdict.Reason);
        Assert.False(verdict.Uncertain); // the server answered: its redirect was followed
    }

    [Fact]
    public void Resolve_PageRebuiltAndNothingWasSent_IsTakenAgainAlthoughThePageMovedOn()
    {
        var evidence = new InterruptionEvidence(null, "http://s.test/elsewhere", TargetPresent: false) { PageRebuilt = true };
        var verdict = InterruptedActionRule.Resolve(BrowserAction.Click(3), Form, evidence);
        Assert.False(verdict.Performed);
        Assert.Contains("before any request that could change a server left it", verdict.Reason);
        Assert.Null(verdict.IdempotencyKey);
    }

    [Fact]
    public void Resolve_PageRebuiltAndNothingWasSent_IsTakenAgainUnderTheKeyItsLinkGetCarried()
    {
        // A link's GET is not reported, but may have been a download the server counted: the action is taken again
        // under the key that GET carried, so a server that honours it counts the download once.
        var evidence = new InterruptionEvidence(null, "http://s.test/invoices", TargetPresent: true) { PageRebuilt = true, ActionKey = "wf/8" };
        var verdict = InterruptedActionRule.Resolve(BrowserAction.Click(3), "http://s.test/invoices", evidence);
        Assert.False(verdict.Performed);
        Assert.Equal("wf/8", verdict.IdempotencyKey);
        Assert.Contains("under Idempotency-Key wf/8, which a download it may have started carried", verdict.Reason);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Resolve_SignIn_IsTakenAgainWhileThePageAsksForItAndDoneOtherwise(bool targetPresent, bool performed)
    {
        var evidence = new InterruptionEvidence(null, Form, targetPresent) { PageRebuilt = true, SentRequest = "POST http://s.test/login", SignsIn = true };
        Assert.Equal(performed, InterruptedActionRule.Resolve(BrowserAction.Click(3), Form, evidence).Performed);
    }

    [Fact]
    public void Resolve_RecordedResult_WinsOverEverythingElse()
    {
        var recorded = ActionResult.Success(Form, TimeSpan.Zero);
        var evidence = new InterruptionEvidence(recorded, Form, TargetPresent: true) { PageRebuilt = true, SignsIn = true };
        Assert.Same(recorded, InterruptedActionRule.Resolve(BrowserAction.Click(3), Form, evidence).Outcome);
    }
}

public sealed class SignInRuleTests
{
    private const string Page =
        "<html node=\"9\"><body node=\"8\"><form node=\"7\"><input name=\"user\" node=\"6\"><input type=\"password\" name=\"pw\" node=\"5\">" +
        "<button node=\"4\">Sign in</button></form><form node=\"3\"><input name=\"q\" node=\"2\"><button node=\"1\">Search</button></form>" +
        "<a href=\"/x\" node=\"0\">Out</a></body></html>";

    [Theory]
    [InlineData(4, BrowserActionKind.Click, true)]
    [InlineData(5, BrowserActionKind.Key, true)]
    [InlineData(1, BrowserActionKind.Click, false)]
    [InlineData(0, BrowserActionKind.Click, false)]
    [InlineData(6, BrowserActionKind.Type, false)]
    public void SubmitsSignIn_OnlyClicksAndKeysInAFormWithAPasswordField(int node, BrowserActionKind kind, bool expected)
    {
        var action = new BrowserAction { Kind = kind, NodeId = node, Text = kind == BrowserActionKind.Click ? null : "Enter" };
        Assert.Equal(expected, SignInRule.SubmitsSignIn(DomIndex.Parse(Page), action));
    }
}
