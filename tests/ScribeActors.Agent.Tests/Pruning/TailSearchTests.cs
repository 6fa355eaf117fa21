using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Tests.Pruning;

public class TailSearchTests
{
    [Fact]
    public void Search_AnyGuess_FindsTheFirstTagWhoseSuffixFits()
    {
        for (var tags = 1; tags <= 40; tags++)
        {
            for (var budget = 0; budget <= (tags * 10) + 5; budget += 5)
            {
                // The suffix from tag k holds tags - k tags of 10 tokens each.
                var expected = Enumerable.Range(0, tags).Where(k => (tags - k) * 10 <= budget).DefaultIfEmpty(-1).First();
                for (var guess = -2; guess <= tags + 1; guess++)
                {
                    var (best, tokens) = TailFitter.Search(tags, guess, budget, k => (tags - k) * 10);

                    Assert.Equal(expected, best);
                    Assert.Equal(expected < 0 ? 0 : (tags - expected) * 10, tokens);
                }
            }
        }
    }

    [Fact]
    public void Search_GoodGuess_TwoCounts()
    {
        var counts = 0;

        var (best, _) = TailFitter.Search(10_000, 7_000, 30_000, k =>
        {
            counts++;
            return (10_000 - k) * 10;
        });

        Assert.Equal(7_000, best);
        Assert.Equal(2, counts);
    }
}
