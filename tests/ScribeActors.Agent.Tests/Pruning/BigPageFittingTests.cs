using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Tests.Pruning;

/// <summary>
/// On a page far over the budget the fitters ask the tokenizer about a few budgets' worth of text, not about the whole
/// page (a model's tokenizer reads about 2 MB/s: reading a 10 MB page twice was most of a model step's time).
/// </summary>
public class BigPageFittingTests
{
    private const int Budget = 2_000;

    // About 8 MB of pruned HTML.
    private static readonly Lazy<PrunedHtml> Table = new(() => FitterTestPages.Business(60_000));

    private static readonly Lazy<PrunedHtml> HugeTexts = new(() =>
    {
        var prose = string.Join(' ', Enumerable.Repeat("The supplier sent the invoice twice and asked for a credit note.", 40_000));
        return HtmlPruner.Prune(
            $"<html><body><nav><a href=\"/home\">Home</a></nav><p>{prose}</p><button type=\"button\">Approve</button><pre>{prose}</pre><div>{prose}</div></body></html>");
    });

    [Fact]
    public void InteractiveFirst_TenMegabyteTable_ReadsAFewBudgetsOfText()
    {
        var dom = Table.Value;
        var counter = new RecordingCounter(ApproximateTokenCounter.Instance);

        var fitted = new InteractiveFirstFitter().Fit(dom, Budget, counter);

        Assert.True(dom.Html.Length > 7_000_000, $"the page is {dom.Html.Length} characters");
        Assert.True(fitted.Truncated);
        Assert.InRange(fitted.Tokens, 1, Budget);
        Assert.Equal(ApproximateTokenCounter.Instance.CountTokens(fitted.Html), fitted.Tokens);
        Assert.Contains("> Search </button>", fitted.Html, StringComparison.Ordinal);
        Assert.True(counter.Characters < 200_000, $"the tokenizer read {counter.Characters:N0} characters of a {dom.Html.Length:N0}-character page");
    }

    [Fact]
    public void Tail_TenMegabyteTable_ReadsAFewBudgetsOfTextAndKeepsTheLongestTail()
    {
        var dom = Table.Value;
        var counter = new RecordingCounter(ApproximateTokenCounter.Instance);

        var fitted = new TailFitter().Fit(dom, Budget, counter);

        Assert.InRange(fitted.Tokens, 1, Budget);
        Assert.Equal(ApproximateTokenCounter.Instance.CountTokens(fitted.Html), fitted.Tokens);
        Assert.EndsWith(fitted.Html, dom.Html, StringComparison.Ordinal);
        var cut = dom.Html.Length - fitted.Html.Length;
        var previousTag = dom.Html.LastIndexOf(" <", cut - 2, StringComparison.Ordinal) + 1;
        Assert.True(ApproximateTokenCounter.Instance.CountTokens(dom.Html[previousTag..]) > Budget, "one tag more would have fitted");
        Assert.True(counter.Characters < 200_000, $"the tokenizer read {counter.Characters:N0} characters of a {dom.Html.Length:N0}-character page");
    }

    [Fact]
    public void BothFitters_PageOfHugeTexts_NeverReadAHugeTextWhole()
    {
        var dom = HugeTexts.Value;
        foreach (IDomFitter fitter in new IDomFitter[] { new InteractiveFirstFitter(), new TailFitter() })
        {
            var counter = new RecordingCounter(ApproximateTokenCounter.Instance);

            var fitted = fitter.Fit(dom, Budget, counter);

            Assert.InRange(fitted.Tokens, 0, Budget);
            Assert.True(counter.LongestText < 50_000, $"{fitter.Name} counted a {counter.LongestText:N0}-character text at once");
            Assert.True(counter.Characters < 200_000, $"{fitter.Name} read {counter.Characters:N0} characters of {dom.Html.Length:N0}");
        }

        Assert.Contains("> Approve </button>", new InteractiveFirstFitter().Fit(dom, Budget, ApproximateTokenCounter.Instance).Html, StringComparison.Ordinal);
    }

    [Fact]
    public void BothFitters_PageThatFits_ExactCountOfTheWholeAndAtMostTwoReadings()
    {
        var dom = FitterTestPages.Business(50);
        var whole = ApproximateTokenCounter.Instance.CountTokens(dom.Html);
        foreach (IDomFitter fitter in new IDomFitter[] { new InteractiveFirstFitter(), new TailFitter() })
        {
            var counter = new RecordingCounter(ApproximateTokenCounter.Instance, keepTextsUpTo: int.MaxValue);

            var fitted = fitter.Fit(dom, whole, counter);

            Assert.False(fitted.Truncated);
            Assert.Equal(whole, fitted.Tokens);
            Assert.Equal(dom.Html, counter.Texts[^1]);
            Assert.InRange(counter.Characters, dom.Html.Length, 2 * dom.Html.Length);
        }
    }
}
