using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Tests.Pruning;

public class GoldTargetSurvivalTests
{
    private const string Page =
        "<body node=\"9\"><div node=\"8\"></div><p node=\"7\">A long introduction that takes many tokens of the budget before the form.</p>" +
        "<form node=\"5\"><input node=\"4\" name=\"q\" type=\"text\"><button node=\"3\" type=\"submit\">Search</button></form><p node=\"2\">Footer text</p></body>";

    [Fact]
    public void Check_TargetOnTheFittedPage_Kept()
    {
        Assert.Equal(TargetFate.Kept, GoldTargetSurvival.Check(Page, 3, 10_000));
    }

    [Fact]
    public void Check_TargetPrunedAway_PrunedAwayAtAnyBudget()
    {
        // The empty div is pruned (§3.1 step 9): no budget brings it back.
        Assert.Equal(TargetFate.PrunedAway, GoldTargetSurvival.Check(Page, 8, 10_000));
        Assert.Equal(TargetFate.PrunedAway, GoldTargetSurvival.Check(Page, 8, 0));
    }

    [Fact]
    public void Check_BudgetTooSmall_FittedOut()
    {
        Assert.Equal(TargetFate.FittedOut, GoldTargetSurvival.Check(Page, 7, 25));
        Assert.Equal(TargetFate.FittedOut, GoldTargetSurvival.Check(Page, 3, 0));
    }

    [Fact]
    public void Rates_SeveralBudgets_CountsEachFate()
    {
        var dom = HtmlPruner.Prune(Page);
        var counter = ApproximateTokenCounter.Instance;
        var whole = counter.CountTokens(dom.Html);
        (PrunedHtml, int, string?)[] steps = [(dom, 3, null), (dom, 7, null), (dom, 8, null), (dom, 404, null)];

        var rates = GoldTargetSurvival.Rates(steps, [0, whole], new InteractiveFirstFitter(), counter);

        Assert.Equal(new SurvivalRate(0, 4, 0, 2, 2), rates[0]);
        Assert.Equal(new SurvivalRate(whole, 4, 2, 2, 0), rates[1]);
        Assert.Equal(0.5, rates[1].Rate);
    }

    [Fact]
    public void Rates_NoSteps_Throws()
    {
        Assert.Throws<ArgumentException>(() => GoldTargetSurvival.Rates([], [100], new TailFitter(), ApproximateTokenCounter.Instance));
    }
}
