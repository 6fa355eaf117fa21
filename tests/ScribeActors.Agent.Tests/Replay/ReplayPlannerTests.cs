using ScribeActors.Abstractions;
using ScribeActors.Agent.Replay;

namespace ScribeActors.Agent.Tests.Replay;

public sealed class ReplayPlannerTests
{
    private static readonly string Page = TestPages.Number(
        "<html><body><form><label for=\"amt\">Amount</label><input id=\"amt\" name=\"amount\">" +
        "<select name=\"reason\"><option>Wrong quantity</option><option>Damaged</option></select>" +
        "<button type=\"submit\">File dispute</button></form><a href=\"/invoices\">Back to invoices</a></body></html>");

    private static RecordedWorkflow Recording(params RecordedStep[] steps) => new() { Objective = "o", StartUrl = "http://s.test/", Steps = steps };

    [Fact]
    public void Next_TypeStep_LocatesTargetAndRendersTheFiveLineBlockWithTheFreshNode()
    {
        var dom = DomIndex.Parse(Page);
        var recording = Recording(new RecordedStep
        {
            Description = "Type \"120.50\"",
            Action = StepActions.Type,
            Value = "120.50",
            Node = 999,
            Signature = new TargetSignature { Tag = "input", Label = "Amount", Attributes = new() { ["name"] = "amount", ["id"] = "old-id" } },
        });

        var decision = ReplayPlanner.Next(recording, 0, dom);

        Assert.Equal(ReplayDecisionKind.Act, decision.Kind);
        var node = decision.Action!.NodeId!.Value;
        Assert.Equal("input", dom.Find(node)!.LocalName);
        Assert.Equal(BrowserAction.Type(node, "120.50"), decision.Action);
        var step = decision.Step!;
        Assert.Equal(1, step.Number);
        Assert.Equal(node, step.Node);
        Assert.Equal(dom.OpeningTag(node), step.Target);
    }

    [Theory]
    [InlineData(false, " checked", true)] // the form came back filled in (a saved draft): clicking would untick it
    [InlineData(false, "", false)]
    [InlineData(true, "", true)] // recorded unticking a ticked box; it is unticked already
    [InlineData(true, " checked", false)]
    public void Next_CheckboxAlreadyAsTheRecordedClickLeftIt_TakesTheNextStepInstead(bool recordedChecked, string live, bool skipped)
    {
        var dom = DomIndex.Parse(TestPages.Number(
            $"<html><body><form><label><input type=\"checkbox\" name=\"receipt\"{live}> Receipt attached</label>" +
            "<button type=\"submit\">Save</button></form></body></html>"));
        var attributes = new Dictionary<string, string> { ["type"] = "checkbox", ["name"] = "receipt" };
        if (recordedChecked)
        {
            attributes["checked"] = "";
        }

        var recording = Recording(
            new RecordedStep { Description = "Click \"Receipt attached\"", Action = StepActions.Click, Signature = new TargetSignature { Tag = "input", Attributes = attributes } },
            new RecordedStep { Description = "Click \"Save\"", Action = StepActions.Click, Signature = new TargetSignature { Tag = "button", Text = "Save" } });

        var decision = ReplayPlanner.Next(recording, 0, dom);

        Assert.Equal(ReplayDecisionKind.Act, decision.Kind);
        Assert.Equal(skipped ? "button" : "input", dom.Find(decision.Action!.NodeId!.Value)!.LocalName);
        Assert.Equal(skipped ? 1 : 0, decision.Cursor);
        Assert.Equal(skipped, decision.Note?.Contains("already as that click left it", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Next_SelectStep_MapsToSelectOfTheOption()
    {
        var recording = Recording(new RecordedStep
        {
            Description = "Select \"Damaged\"",
            Action = StepActions.SelectOption,
            Value = "Damaged",
            Signature = new TargetSignature { Tag = "select", Attributes = new() { ["name"] = "reason" } },
        });
        var decision = ReplayPlanner.Next(recording, 0, DomIndex.Parse(Page));
        Assert.Equal(BrowserActionKind.Select, decision.Action!.Kind);
        Assert.Equal("Damaged", decision.Action.Text);
    }

    [Fact]
    public void Next_TargetGone_FailsNamingStepAndWhatWasLookedFor()
    {
        var recording = Recording(
            new RecordedStep { Description = "Click \"Next\"", Action = StepActions.Click, Signature = new TargetSignature { Tag = "button", Text = "Download PDF" } });
        var decision = ReplayPlanner.Next(recording, 0, DomIndex.Parse(Page));
        Assert.Equal(ReplayDecisionKind.Fail, decision.Kind);
        Assert.Contains("Recorded step 1 (Click \"Next\")", decision.Error);
        Assert.Contains("target not found", decision.Error);
    }

    [Fact]
    public void Next_PastTheLastStepOrFinishStep_Finishes()
    {
        var recording = Recording(new RecordedStep { Description = "Done \"INV-7\"", Action = StepActions.Finish, Value = "INV-7" });
        var finish = ReplayPlanner.Next(recording, 0, DomIndex.Parse(Page));
        Assert.Equal(ReplayDecisionKind.Finish, finish.Kind);
        Assert.Equal("INV-7", finish.Answer);
        Assert.Equal(ReplayDecisionKind.Finish, ReplayPlanner.Next(recording, 1, DomIndex.Parse(Page)).Kind);
    }

    [Fact]
    public void Next_ClickWithoutSignature_FailsClearly()
    {
        var recording = Recording(new RecordedStep { Description = "Click \"x\"", Action = StepActions.Click });
        var decision = ReplayPlanner.Next(recording, 0, DomIndex.Parse(Page));
        Assert.Equal(ReplayDecisionKind.Fail, decision.Kind);
        Assert.Contains("needs a target signature", decision.Error);
    }

    [Fact]
    public void CursorAfterReload_RewindsToTheFirstStepTakenOnTheCurrentPage()
    {
        const string list = "http://s.test/list", form = "http://s.test/form", done = "http://s.test/done";
        StepRecord Step(int index, int cursor, string before, string after, bool ok = true) => new()
        {
            Index = index,
            Phase = StepPhase.Done,
            SourceCursor = cursor,
            UrlBefore = before,
            UrlAfter = after,
            Outcome = ok ? ActionResult.Success(after, TimeSpan.Zero) : ActionResult.Fail(ActionFailureKind.Timeout, "t", after),
        };
        var history = new[]
        {
            Step(0, 0, list, list),   // typed a search on the list page
            Step(1, 1, list, form),   // navigated to the form
            Step(2, 2, form, form),   // typed the amount
            Step(3, 3, form, form, ok: false), // a failed attempt does not count
            Step(4, 3, form, form),   // ticked the checkbox
        };

        Assert.Equal(2, ReplayPlanner.CursorAfterReload(history, 4, form));
        Assert.Equal(4, ReplayPlanner.CursorAfterReload(history, 4, done));
        Assert.Equal(0, ReplayPlanner.CursorAfterReload(history[..1], 1, list));
    }

    [Fact]
    public void CursorAfterReload_OnTheSignInPageAgain_TakesTheSignInAndItsTypingAgain()
    {
        // Seen in faults rounds: storage lost the workflow's record, a fresh context opened at the sign-in page, and the
        // steps recovered from the session's record said the sign-in was done; the page asks for it again.
        const string login = "http://s.test/login", invoices = "http://s.test/invoices";
        StepRecord Step(int index, string before, string after, bool signsIn = false) => new()
        {
            Index = index,
            Phase = StepPhase.Done,
            SourceCursor = index,
            Action = signsIn ? BrowserAction.Click(11) : BrowserAction.Type(19, "alice"),
            UrlBefore = before,
            UrlAfter = after,
            SignsIn = signsIn,
            Outcome = ActionResult.Success(after, TimeSpan.Zero) with { LoadedDocument = signsIn },
        };
        var history = new[] { Step(0, login, login), Step(1, login, login), Step(2, login, invoices, signsIn: true) };

        Assert.Equal(0, ReplayPlanner.CursorAfterReload(history, 3, login));
        Assert.Equal(3, ReplayPlanner.CursorAfterReload(history, 3, invoices)); // signed in: nothing to take again

        // Seen in CI: the rebuilt context loaded a later page of the record, and the site sent the visitor without a
        // cookie to its sign-in page with where to return to.
        Assert.Equal(0, ReplayPlanner.CursorAfterReload(history, 3, login + "?returnUrl=%2Finvoices%3Fpage%3D2"));
        Assert.Equal(3, ReplayPlanner.CursorAfterReload(history, 3, invoices + "?page=2"));
    }

    [Fact]
    public void CursorAfterReload_NeverRewindsOverAStepThatLoadedADocumentOrANonIdempotentStepOfUnknownEffect()
    {
        const string queue = "http://s.test/approvals";
        StepRecord Step(int index, BrowserAction action, bool? loadedDocument) => new()
        {
            Index = index,
            Phase = StepPhase.Done,
            SourceCursor = index,
            Action = action,
            UrlBefore = queue,
            UrlAfter = queue,
            Outcome = ActionResult.Success(queue, TimeSpan.Zero) with { LoadedDocument = loadedDocument },
        };

        var typed = Step(0, BrowserAction.Type(3, "ok"), loadedDocument: false);
        var ticked = Step(1, BrowserAction.Click(4), loadedDocument: false);  // a checkbox: in-page only
        var approved = Step(2, BrowserAction.Click(5), loadedDocument: true); // posted, redirected back to the queue
        var recovered = Step(2, BrowserAction.Click(5), loadedDocument: null); // judged performed after a crash
        var typedAgain = Step(3, BrowserAction.Type(6, "note"), loadedDocument: false);

        Assert.Equal(0, ReplayPlanner.CursorAfterReload([typed, ticked], 2, queue));
        Assert.Equal(3, ReplayPlanner.CursorAfterReload([typed, ticked, approved], 3, queue));
        Assert.Equal(3, ReplayPlanner.CursorAfterReload([typed, ticked, recovered], 3, queue));
        Assert.Equal(3, ReplayPlanner.CursorAfterReload([typed, ticked, approved, typedAgain], 4, queue));
    }

    [Fact]
    public void Next_AttemptedStepWhoseTargetIsGoneButNextTargetPresent_TakesTheNextStep()
    {
        var dom = DomIndex.Parse(Page);
        var recording = Recording(
            new RecordedStep { Description = "Click \"Sign in\"", Action = StepActions.Click, Signature = new TargetSignature { Tag = "button", Text = "Sign in", Attributes = new() { ["type"] = "submit" } } },
            new RecordedStep { Description = "Click \"Back to invoices\"", Action = StepActions.Click, Signature = new TargetSignature { Tag = "a", Text = "Back to invoices", Attributes = new() { ["href"] = "/invoices" } } });

        var fresh = ReplayPlanner.Next(recording, 0, dom);
        Assert.Equal(ReplayDecisionKind.Fail, fresh.Kind);

        var healed = ReplayPlanner.Next(recording, 0, dom, attempted: true);
        Assert.Equal(ReplayDecisionKind.Act, healed.Kind);
        Assert.Equal(1, healed.Cursor);
        Assert.Contains("step 1 took effect", healed.Note);
    }

    [Fact]
    public void Next_AttemptedStepWhoseNextTargetIsAlsoGone_StillFails()
    {
        var recording = Recording(
            new RecordedStep { Description = "Click \"Sign in\"", Action = StepActions.Click, Signature = new TargetSignature { Tag = "button", Text = "Sign in", Attributes = new() { ["type"] = "submit" } } },
            new RecordedStep { Description = "Click \"Logout\"", Action = StepActions.Click, Signature = new TargetSignature { Tag = "a", Text = "Logout", Attributes = new() { ["href"] = "/logout" } } });
        Assert.Equal(ReplayDecisionKind.Fail, ReplayPlanner.Next(recording, 0, DomIndex.Parse(Page), attempted: true).Kind);
    }

    [Fact]
    public void IsTargetPresent_FollowsTheLocator()
    {
        var dom = DomIndex.Parse(Page);
        var recording = Recording(
            new RecordedStep { Description = "Click \"File dispute\"", Action = StepActions.Click, Signature = new TargetSignature { Tag = "button", Text = "File dispute", Attributes = new() { ["type"] = "submit" } } },
            new RecordedStep { Description = "Click \"Gone\"", Action = StepActions.Click, Signature = new TargetSignature { Tag = "button", Text = "Download PDF" } },
            new RecordedStep { Description = "Done", Action = StepActions.Finish });
        Assert.True(ReplayPlanner.IsTargetPresent(recording, 0, dom));
        Assert.False(ReplayPlanner.IsTargetPresent(recording, 1, dom));
        Assert.True(ReplayPlanner.IsTargetPresent(recording, 2, dom));
    }
}
