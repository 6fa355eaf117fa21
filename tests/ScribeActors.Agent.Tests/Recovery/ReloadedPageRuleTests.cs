using ScribeActors.Abstractions;
using ScribeActors.Agent.Recovery;

namespace ScribeActors.Agent.Tests.Recovery;

public sealed class ReloadedPageRuleTests
{
    private const string Start = "http://s.test/invoices";
    private const string Filtered = "http://s.test/invoices?q=Wingtip&status=open";

    private static StepRecord Step(int index, string before, string after, BrowserAction action, StepPhase phase = StepPhase.Done) => new()
    {
        Index = index,
        Phase = phase,
        UrlBefore = before,
        UrlAfter = after,
        Action = action,
        ActionId = $"w/{index}",
        Outcome = ActionResult.Success(after, TimeSpan.Zero),
    };

    // The search of supplier.largest-open-invoice: type the vendor, choose a status, Enter (a GET form), then a row.
    private static readonly StepRecord[] Search =
    [
        Step(0, Start, Start, BrowserAction.Type(5, "Wingtip")),
        Step(1, Start, Start, BrowserAction.Select(6, "open")),
        Step(2, Start, Filtered, BrowserAction.Key("Enter", 5)),
    ];

    [Fact]
    public void RecordedPage_AfterAGetNavigation_IsWhereItLedAndTheStepThatLedThere()
    {
        var page = ReloadedPageRule.RecordedPage(Search, Start);

        Assert.Equal(Filtered, page.Url);
        Assert.Equal(2, page.Mover!.Index);
    }

    [Fact]
    public void RecordedPage_StepsTakenOnThePageSinceArriving_StillNamesTheStepThatArrived()
    {
        var history = Search.Append(Step(3, Filtered, Filtered, BrowserAction.Scroll())).ToArray();

        var page = ReloadedPageRule.RecordedPage(history, Start);

        Assert.Equal(Filtered, page.Url);
        Assert.Equal(2, page.Mover!.Index);
    }

    [Fact]
    public void RecordedPage_NothingDoneYet_IsTheStartPage()
    {
        var acting = Step(0, Start, Start, BrowserAction.Click(3), StepPhase.Acting) with { UrlAfter = null, Outcome = null };

        Assert.Equal(new RecordedPage(Start, null), ReloadedPageRule.RecordedPage([], Start));
        Assert.Equal(new RecordedPage(Start, null), ReloadedPageRule.RecordedPage([acting], Start));
    }

    [Fact]
    public void RecordedPage_OnlyStepsOnTheStartPage_HasNoMover()
    {
        var page = ReloadedPageRule.RecordedPage(Search[..2], Start);

        Assert.Equal(Start, page.Url);
        Assert.Null(page.Mover);
    }

    [Fact]
    public void ReturnTo_RebuiltBehindAGetNavigation_GoesWhereTheRecordSays() =>
        Assert.Equal(Filtered, ReloadedPageRule.ReturnTo(ReloadedPageRule.RecordedPage(Search, Start), Start, moverSentRequest: null));

    [Fact]
    public void ReturnTo_RebuiltOnThePageTheRecordSays_StaysThere() =>
        Assert.Null(ReloadedPageRule.ReturnTo(ReloadedPageRule.RecordedPage(Search, Start), Filtered + "#top", moverSentRequest: null));

    [Fact]
    public void ReturnTo_ThePageCameFromAStateChangingRequest_IsNeverLoadedAgain() =>
        Assert.Null(ReloadedPageRule.ReturnTo(ReloadedPageRule.RecordedPage(Search, Start), Start, moverSentRequest: "POST http://s.test/invoices"));

    [Theory]
    [InlineData("about:blank")]
    [InlineData("data:text/html,<p>x</p>")]
    [InlineData("invoices?q=1")]
    public void ReturnTo_ARecordedPageThatIsNotAWebAddress_StaysOnTheRebuiltPage(string recorded) =>
        Assert.Null(ReloadedPageRule.ReturnTo(new RecordedPage(recorded, null), Start, moverSentRequest: null));
}
