using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Tests.Pruning;

public class TailFitterTests
{
    private static readonly ITokenCounter Counter = ApproximateTokenCounter.Instance;

    [Fact]
    public void Fit_WholeDomFits_ReturnsItUntruncated()
    {
        var dom = HtmlPruner.Prune(HtmlPrunerGoldenTests.WorkedExample);

        var fitted = new TailFitter().Fit(dom, 1000, Counter);

        Assert.Equal(dom.Html, fitted.Html);
        Assert.Equal(dom.NodeIds, fitted.NodeIds);
        Assert.False(fitted.Truncated);
        Assert.Equal(Counter.CountTokens(dom.Html), fitted.Tokens);
        Assert.Equal("tail", fitted.Strategy);
    }

    [Theory]
    [InlineData(50)]
    [InlineData(300)]
    [InlineData(2000)]
    public void Fit_OverBudget_LongestTagAlignedSuffixWithinBudget(int budget)
    {
        var dom = FitterTestPages.Business(200);

        var fitted = new TailFitter().Fit(dom, budget, Counter);

        Assert.True(fitted.Truncated);
        Assert.InRange(fitted.Tokens, 1, budget);
        Assert.Equal(Counter.CountTokens(fitted.Html), fitted.Tokens);
        Assert.EndsWith(fitted.Html, dom.Html, StringComparison.Ordinal);
        Assert.StartsWith("<", fitted.Html, StringComparison.Ordinal);
        Assert.Equal(dom.NodeIds.TakeLast(fitted.NodeIds.Count), fitted.NodeIds);

        // One tag more would not fit.
        var cut = dom.Html.Length - fitted.Html.Length;
        var previousTag = dom.Html.LastIndexOf(" <", cut - 2, StringComparison.Ordinal) + 1;
        Assert.True(Counter.CountTokens(dom.Html[previousTag..]) > budget);
    }

    [Fact]
    public void Fit_NodeIds_AreExactlyThoseInTheText()
    {
        var dom = FitterTestPages.Business(100);

        var fitted = new TailFitter().Fit(dom, 700, Counter);

        // The tail may start with closing tags, so only the ids are compared, not the balance.
        var inText = System.Text.RegularExpressions.Regex.Matches(fitted.Html, " node=\"(\\d+)\"").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(inText, fitted.NodeIds);
    }

    [Fact]
    public void Fit_BudgetTooSmallForAnyTag_EmptyAndTruncated()
    {
        var dom = FitterTestPages.Business(10);

        var fitted = new TailFitter().Fit(dom, 0, Counter);

        Assert.Equal("", fitted.Html);
        Assert.Empty(fitted.NodeIds);
        Assert.True(fitted.Truncated);
    }

    [Fact]
    public void Fit_BadArguments_Throw()
    {
        var dom = FitterTestPages.Business(1);
        var fitter = new TailFitter();

        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => fitter.Fit(dom, -1, Counter));
        Assert.Contains("budget", negative.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => fitter.Fit(null!, 10, Counter));
        Assert.Throws<ArgumentNullException>(() => fitter.Fit(dom, 10, null!));
    }
}
