using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Tests.Pruning;

public class FitEvaluationTests
{
    private static readonly ITokenCounter Counter = ApproximateTokenCounter.Instance;

    [Fact]
    public void Evaluate_TargetKeptOrLost_CountedPerSample()
    {
        var dom = HtmlPruner.Prune(HtmlPrunerGoldenTests.WorkedExample);
        var samples = new[]
        {
            new FitSample(dom, 0, 1000), // whole DOM: button 0 kept
            new FitSample(dom, 2, 1000), // link 2 kept
            new FitSample(dom, 1, 1000), // the pruned empty div: never in the DOM
            new FitSample(dom, 0, 0),    // nothing fits
        };

        var report = FitEvaluation.Evaluate(new TailFitter(), samples, Counter);

        Assert.Equal("tail", report.Fitter);
        Assert.Equal("approximate-qwen", report.Counter);
        Assert.Equal(4, report.Samples);
        Assert.Equal(2, report.TargetKept);
        Assert.Equal(0.5, report.TargetKeptRate);
        Assert.Equal(1, report.Truncated);
        Assert.Equal(0, report.OverBudget);
        Assert.Equal(3 * Counter.CountTokens(dom.Html) / 4.0, report.MeanTokens);
        Assert.True(report.MeanMilliseconds >= 0);
    }

    [Fact]
    public void Evaluate_InteractiveFirstOnLongTable_KeepsFormTargetsTailDoesNot()
    {
        var dom = FitterTestPages.Business(300);
        var navLink = dom.NodeIds[3]; // body, header-less: body, a, a, a...
        var samples = new[] { new FitSample(dom, navLink, 800) };

        var interactive = FitEvaluation.Evaluate(new InteractiveFirstFitter(), samples, Counter);
        var tail = FitEvaluation.Evaluate(new TailFitter(), samples, Counter);

        Assert.Equal(1, interactive.TargetKept);
        Assert.Equal(0, tail.TargetKept);
    }

    [Fact]
    public void Evaluate_BadArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => FitEvaluation.Evaluate(new TailFitter(), [], Counter));
        Assert.Throws<ArgumentNullException>(() => FitEvaluation.Evaluate(null!, [], Counter));
        Assert.Throws<ArgumentNullException>(() => FitEvaluation.Evaluate(new TailFitter(), null!, Counter));
        Assert.Throws<ArgumentNullException>(() => FitEvaluation.Evaluate(new TailFitter(), [null!], Counter));
        var dom = HtmlPruner.Prune(HtmlPrunerGoldenTests.WorkedExample);
        Assert.Throws<ArgumentOutOfRangeException>(() => FitEvaluation.Evaluate(new TailFitter(), [new FitSample(dom, 0, -1)], Counter));
    }
}
