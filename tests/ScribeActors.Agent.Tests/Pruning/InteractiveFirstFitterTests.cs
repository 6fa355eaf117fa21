using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Tests.Pruning;

public class InteractiveFirstFitterTests
{
    private static readonly ITokenCounter Counter = ApproximateTokenCounter.Instance;

    [Fact]
    public void Fit_WholeDomFits_ReturnsItUntruncated()
    {
        var dom = FitterTestPages.Business(3);

        var fitted = new InteractiveFirstFitter().Fit(dom, 100_000, Counter);

        Assert.Equal(dom.Html, fitted.Html);
        Assert.False(fitted.Truncated);
        Assert.Equal("interactive-first", fitted.Strategy);
    }

    [Fact]
    public void Fit_LongTable_KeepsNavFormAndListEndsAndCollapsesTheMiddle()
    {
        var dom = FitterTestPages.Business(300);

        var fitted = new InteractiveFirstFitter().Fit(dom, 1500, Counter);

        Assert.True(fitted.Truncated);
        Assert.InRange(fitted.Tokens, 1, 1500);
        Assert.Equal(Counter.CountTokens(fitted.Html), fitted.Tokens);
        var ids = FitterTestPages.AssertWellFormed(fitted.Html);
        Assert.Equal(ids, fitted.NodeIds);
        Assert.All(ids, id => Assert.Contains(id, dom.NodeIds));

        foreach (var link in new[] { "> Home </a>", "> Settings </a>", "placeholder=\"Invoice number\"", "> Paid </option>", "> Search </button>" })
        {
            Assert.Contains(link, fitted.Html, StringComparison.Ordinal);
        }

        Assert.Contains("INV-00000", fitted.Html, StringComparison.Ordinal);
        Assert.Contains("INV-00299", fitted.Html, StringComparison.Ordinal);
        Assert.Matches("… \\d+ more similar items …", fitted.Html);
        Assert.DoesNotContain("INV-00150", fitted.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_GenerousBudget_ListMiddleFilledBeforeMarker()
    {
        var dom = FitterTestPages.Business(300);
        var whole = Counter.CountTokens(dom.Html);

        var fitted = new InteractiveFirstFitter().Fit(dom, whole - 200, Counter);

        Assert.InRange(fitted.Tokens, whole - 1000, whole - 200);
        Assert.Contains("INV-00150", fitted.Html, StringComparison.Ordinal);
        FitterTestPages.AssertWellFormed(fitted.Html);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(30)]
    public void Fit_TinyBudget_ValidPossiblyEmpty(int budget)
    {
        var dom = FitterTestPages.Business(50);

        var fitted = new InteractiveFirstFitter().Fit(dom, budget, Counter);

        Assert.True(fitted.Truncated);
        Assert.InRange(fitted.Tokens, 0, budget);
        Assert.Equal(FitterTestPages.AssertWellFormed(fitted.Html), fitted.NodeIds);
    }

    [Fact]
    public void Fit_NoInteractiveElement_FillsFromTheTopAndCollapsesTheParagraphRun()
    {
        var paragraphs = string.Concat(Enumerable.Range(0, 200).Select(i => $"<p>Paragraph number {i} of the annual report.</p>"));
        var dom = HtmlPruner.Prune($"<html><body><h1>Annual report</h1>{paragraphs}</body></html>");

        var fitted = new InteractiveFirstFitter().Fit(dom, 200, Counter);

        Assert.StartsWith("<body node=", fitted.Html, StringComparison.Ordinal);
        Assert.Contains("Annual report", fitted.Html, StringComparison.Ordinal);
        Assert.Contains("Paragraph number 0 ", fitted.Html, StringComparison.Ordinal);
        Assert.Contains("Paragraph number 199 ", fitted.Html, StringComparison.Ordinal); // last item of the run
        Assert.DoesNotContain("Paragraph number 150 ", fitted.Html, StringComparison.Ordinal);
        Assert.Matches("… \\d+ more similar items …", fitted.Html);
        Assert.InRange(fitted.Tokens, 100, 200);
        FitterTestPages.AssertWellFormed(fitted.Html);
    }

    [Fact]
    public void Fit_BadArguments_Throw()
    {
        var dom = FitterTestPages.Business(1);
        var fitter = new InteractiveFirstFitter();

        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => fitter.Fit(dom, -5, Counter));
        Assert.Contains("budget", negative.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => fitter.Fit(null!, 10, Counter));
        Assert.Throws<ArgumentNullException>(() => fitter.Fit(dom, 10, null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InteractiveFirstFitter(keepFirstItems: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new InteractiveFirstFitter(keepFirstItems: 3, minListLength: 4));
    }
}
