using ScribeActors.Abstractions;
using ScribeActors.Agent.GuardRails;

namespace ScribeActors.Agent.Tests.GuardRails;

public sealed class LoopRuleTests
{
    private const string Form = "http://portal.test/form";
    private const string List = "http://portal.test/list";
    private static readonly LoopLimits Limits = new(MaxRepeatedActions: 3, MaxUnchangedSteps: 4);

    private static readonly StepInference Model = new() { ModelId = "tiny" };

    [Fact]
    public void Check_SameClickOnSameElementThreeTimes_ReportsTheActionElementAndCount()
    {
        var history = new[]
        {
            Step(0, BrowserAction.Click(7), dom: "dom/1", target: "<button node=\"7\">Next</button>"),
            Step(1, BrowserAction.Click(7), dom: "dom/2", target: "<button node=\"7\">Next</button>"),
            Step(2, BrowserAction.Click(7), dom: "dom/3", target: "<button node=\"7\">Next</button>"),
        };

        var verdict = LoopRule.Check(history, Form, "dom/4", Limits);

        Assert.NotNull(verdict);
        Assert.Equal(LoopKind.RepeatedAction, verdict.Kind);
        Assert.Equal([0, 1, 2], verdict.Steps);
        Assert.True(verdict.ModelChosen);
        Assert.Equal(
            "Loop detected: the same action (click node 7 on <button node=\"7\">) was performed 3 times in a row on http://portal.test/form "
            + "(steps 1 to 3); the step source is going round in circles.",
            verdict.Reason);
    }

    [Fact]
    public void Check_SameClickTwice_IsNoLoop()
    {
        var history = new[] { Step(0, BrowserAction.Click(7), dom: "dom/1"), Step(1, BrowserAction.Click(7), dom: "dom/2") };

        Assert.Null(LoopRule.Check(history, Form, "dom/3", Limits));
    }

    [Fact]
    public void Check_TypingIntoDifferentFieldsOfOneForm_IsNoLoop()
    {
        // One URL throughout, but each field's value is part of the captured page, so the content changes each time.
        var history = new[]
        {
            Step(0, BrowserAction.Type(1, "Ada"), dom: "dom/empty"),
            Step(1, BrowserAction.Type(2, "Lovelace"), dom: "dom/first"),
            Step(2, BrowserAction.Type(3, "ada@example.test"), dom: "dom/first-last"),
            Step(3, BrowserAction.Type(4, "London"), dom: "dom/first-last-mail"),
            Step(4, BrowserAction.Select(5, "UK"), dom: "dom/first-last-mail-city"),
        };

        Assert.Null(LoopRule.Check(history, Form, "dom/all", Limits));
    }

    [Fact]
    public void Check_SameNodeIdOnDifferentPages_IsNoLoop()
    {
        // Node ids are positions in a page: node 7 on three pages of a list is three elements.
        var history = new[]
        {
            Step(0, BrowserAction.Click(7), url: List + "?page=1", dom: "dom/1"),
            Step(1, BrowserAction.Click(7), url: List + "?page=2", dom: "dom/2"),
            Step(2, BrowserAction.Click(7), url: List + "?page=3", dom: "dom/3"),
        };

        Assert.Null(LoopRule.Check(history, List + "?page=4", "dom/4", Limits));
    }

    [Fact]
    public void Check_SameClickWithADifferentActionBetween_IsNoLoop()
    {
        var history = new[]
        {
            Step(0, BrowserAction.Click(7), dom: "dom/1"),
            Step(1, BrowserAction.Click(7), dom: "dom/2"),
            Step(2, BrowserAction.Type(3, "x"), dom: "dom/3"),
            Step(3, BrowserAction.Click(7), dom: "dom/4"),
        };

        Assert.Null(LoopRule.Check(history, Form, "dom/5", Limits));
    }

    [Fact]
    public void Check_FailedThenRetriedClick_IsLeftToTheRetryPolicy()
    {
        // The retry policy bounds attempts at a failing action; its retries are the same action by design.
        var history = new[]
        {
            Step(0, BrowserAction.Click(7), dom: "dom/1", failed: true),
            Step(1, BrowserAction.Click(7), dom: "dom/1", failed: true),
            Step(2, BrowserAction.Click(7), dom: "dom/1"),
        };

        Assert.Null(LoopRule.Check(history, Form, "dom/2", Limits));
    }

    [Fact]
    public void Check_FailedAttemptsBetweenPerformedRepeats_NeitherCountNorBreakTheRun()
    {
        var history = new[]
        {
            Step(0, BrowserAction.Click(7), dom: "dom/1"),
            Step(1, BrowserAction.Click(7), dom: "dom/2", failed: true),
            Step(2, BrowserAction.Click(7), dom: "dom/2"),
            Step(3, BrowserAction.Click(7), dom: "dom/3", failed: true),
            Step(4, BrowserAction.Click(7), dom: "dom/3"),
        };

        var verdict = LoopRule.Check(history, Form, "dom/4", Limits);

        Assert.NotNull(verdict);
        Assert.Equal([0, 2, 4], verdict.Steps);
    }

    [Fact]
    public void Check_StepsThatLeaveThePageAsItWas_ReportTheCountAndPage()
    {
        var history = new[]
        {
            Step(0, BrowserAction.Click(1), url: List, dom: "dom/start"),
            Step(1, BrowserAction.Click(2), dom: "dom/same"),
            Step(2, BrowserAction.Click(3), dom: "dom/same"),
            Step(3, BrowserAction.Click(4), dom: "dom/same"),
            Step(4, BrowserAction.Click(5), dom: "dom/same", target: "<a node=\"5\">Help</a>"),
        };

        var verdict = LoopRule.Check(history, Form, "dom/same", Limits);

        Assert.NotNull(verdict);
        Assert.Equal(LoopKind.UnchangedPage, verdict.Kind);
        Assert.Equal([1, 2, 3, 4], verdict.Steps);
        Assert.Equal(
            "Loop detected: 4 steps in a row (steps 2 to 5) left the page http://portal.test/form unchanged; the last was click node 5 on <a node=\"5\">.",
            verdict.Reason);
    }

    [Fact]
    public void Check_UnchangedPageOneStepShortOfTheLimit_IsNoLoop()
    {
        var history = new[]
        {
            Step(0, BrowserAction.Click(2), dom: "dom/same"),
            Step(1, BrowserAction.Click(3), dom: "dom/same"),
            Step(2, BrowserAction.Click(4), dom: "dom/same"),
        };

        Assert.Null(LoopRule.Check(history, Form, "dom/same", Limits));
    }

    [Fact]
    public void Check_LastStepChangedThePage_IsNoLoop()
    {
        var history = new[]
        {
            Step(0, BrowserAction.Click(2), dom: "dom/same"),
            Step(1, BrowserAction.Click(3), dom: "dom/same"),
            Step(2, BrowserAction.Click(4), dom: "dom/same"),
            Step(3, BrowserAction.Click(5), dom: "dom/same"),
        };

        Assert.Null(LoopRule.Check(history, Form, "dom/changed", Limits));
    }

    [Fact]
    public void Check_SameContentUnderAnotherUrl_IsAChangeOfPage()
    {
        var history = new[]
        {
            Step(0, BrowserAction.Click(2), url: List, dom: "dom/same"),
            Step(1, BrowserAction.Click(3), url: List, dom: "dom/same"),
            Step(2, BrowserAction.Click(4), url: List, dom: "dom/same"),
            Step(3, BrowserAction.Click(5), url: List, dom: "dom/same"),
        };

        Assert.Null(LoopRule.Check(history, Form, "dom/same", Limits));
    }

    [Fact]
    public void Check_NoObservationHashes_NeverTakesThePageAsUnchanged()
    {
        var history = Enumerable.Range(0, 8).Select(i => Step(i, BrowserAction.Click(i + 1), dom: null)).ToArray();

        Assert.Null(LoopRule.Check(history, Form, null, Limits));
        Assert.Null(LoopRule.Check(history, Form, "dom/now", Limits));
    }

    [Fact]
    public void Check_RecordingThatRepeatsAStep_IsTheRecordingsToMake()
    {
        // Three presses of "+" in a recording: each replayed step moves the recording forward.
        var history = Enumerable.Range(0, 3).Select(i => Step(i, BrowserAction.Click(9), dom: $"dom/{i}", model: false)).ToArray();

        Assert.Null(LoopRule.Check(history, Form, "dom/3", Limits));
    }

    [Fact]
    public void Check_ReplayedStepsRepeatedAfterTheCursorWasRewound_AreALoop()
    {
        var history = new[]
        {
            Step(0, BrowserAction.Click(9), dom: "dom/0", model: false, cursor: 4),
            Step(1, BrowserAction.Click(9), dom: "dom/1", model: false, cursor: 4),
            Step(2, BrowserAction.Click(9), dom: "dom/2", model: false, cursor: 4),
        };

        var verdict = LoopRule.Check(history, Form, "dom/3", Limits);

        Assert.NotNull(verdict);
        Assert.Equal([0, 1, 2], verdict.Steps);
        Assert.False(verdict.ModelChosen);
    }

    [Fact]
    public void Check_HealingModelRepeatsTheReplayedStep_IsALoop()
    {
        // A self-healing replay: the recording typed "42"; its model then did the same twice more, on an unchanged page.
        var history = new[]
        {
            Step(0, BrowserAction.Type(1, "42"), dom: "dom/empty", model: false, cursor: 0),
            Step(1, BrowserAction.Type(1, "42"), dom: "dom/typed", cursor: 1),
            Step(2, BrowserAction.Type(1, "42"), dom: "dom/typed", cursor: 2),
        };

        var verdict = LoopRule.Check(history, Form, "dom/typed", Limits);

        Assert.NotNull(verdict);
        Assert.Equal(LoopKind.RepeatedAction, verdict.Kind);
        Assert.Equal([0, 1, 2], verdict.Steps);
        Assert.True(verdict.ModelChosen);
        Assert.Contains("type node 1 \"42\"", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ReplayedStepThatMovesTheRecordingOn_EndsAnUnchangedRun()
    {
        var history = new[]
        {
            Step(0, BrowserAction.Click(2), dom: "dom/same"),
            Step(1, BrowserAction.Click(3), dom: "dom/same"),
            Step(2, BrowserAction.Click(4), dom: "dom/same", model: false, cursor: 5),
            Step(3, BrowserAction.Click(5), dom: "dom/same"),
            Step(4, BrowserAction.Click(6), dom: "dom/same"),
        };

        var verdict = LoopRule.Check(history, Form, "dom/same", Limits);

        Assert.Null(verdict); // steps 2..4 (three) since the recording's step; the limit is four
    }

    [Fact]
    public void Check_EmptyHistoryOrFinishOnly_IsNoLoop()
    {
        Assert.Null(LoopRule.Check([], Form, "dom/0", Limits));
        var finish = new StepRecord { Index = 0, Phase = StepPhase.Done, UrlBefore = Form, ObservationRef = "dom/0", Inference = Model };
        Assert.Null(LoopRule.Check([finish, finish with { Index = 1 }, finish with { Index = 2 }, finish with { Index = 3 }], Form, "dom/0", Limits));
    }

    [Fact]
    public void Check_StepStillActing_IsNotCounted()
    {
        var history = new[]
        {
            Step(0, BrowserAction.Click(7), dom: "dom/1"),
            Step(1, BrowserAction.Click(7), dom: "dom/2"),
            Step(2, BrowserAction.Click(7), dom: "dom/3") with { Phase = StepPhase.Acting, Outcome = null },
        };

        Assert.Null(LoopRule.Check(history, Form, "dom/4", Limits));
    }

    [Fact]
    public void Defaults_AreThreeRepeatsAndSixUnchangedSteps()
    {
        var limits = new LoopLimits();

        Assert.Equal(3, limits.MaxRepeatedActions);
        Assert.Equal(6, limits.MaxUnchangedSteps);
    }

    private static StepRecord Step(int index, BrowserAction action, string url = Form, string? dom = "dom/x", bool failed = false, bool model = true, int? cursor = null, string? target = null) => new()
    {
        Index = index,
        Phase = StepPhase.Done,
        UrlBefore = url,
        UrlAfter = url,
        Action = action,
        Outcome = failed ? ActionResult.Fail(ActionFailureKind.NotInteractable, "covered by a dialog", url) : ActionResult.Success(url, TimeSpan.FromMilliseconds(5)),
        ObservationRef = dom,
        SourceCursor = cursor ?? index,
        Inference = model ? Model : null,
        Description = target is null ? null : new ScribeStep(index + 1, "Do it", "mouse_click_action", action.NodeId, TargetTag(target)).Render(),
    };

    private static string TargetTag(string element) => element[..(element.IndexOf('>', StringComparison.Ordinal) + 1)];
}
