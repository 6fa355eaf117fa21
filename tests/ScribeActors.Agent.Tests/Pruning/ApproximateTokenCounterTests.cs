using ScribeActors.Agent.Pruning;

namespace ScribeActors.Agent.Tests.Pruning;

public class ApproximateTokenCounterTests
{
    private static double Ratio(string s) => s.Length / (ApproximateTokenCounter.Instance.CountTokens(s) + 1e-5);

    [Theory]
    [InlineData("wrapper")]
    [InlineData("btn")]
    [InlineData("nav")]
    [InlineData("btn-primary")]
    [InlineData("search-input")]
    [InlineData("getElementById")]
    [InlineData("XMLHttpRequest")]
    [InlineData("https://example.com/search/results")]
    [InlineData("Enter your email address")]
    public void CountTokens_OrdinaryNames_RatioAtLeastTwo(string text)
    {
        Assert.True(Ratio(text) >= 2.0, $"{text}: ratio {Ratio(text):F2}");
    }

    [Theory]
    [InlineData("css-1x2y3z4")]
    [InlineData("a8f3e2c1")]
    [InlineData("sc-bdVaJa")]
    [InlineData("dGhpcyBpcyBh")]
    [InlineData("aBcDeFgH")]
    [InlineData("jss123")]
    [InlineData("_3xk9Qz")]
    [InlineData("mt-2")]
    [InlineData("5f2b9c0e-8d1a-4b7e-9c3f-1a2b3c4d5e6f")]
    [InlineData("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9")]
    public void CountTokens_HashedOrDigitHeavy_RatioBelowTwo(string text)
    {
        Assert.True(Ratio(text) < 2.0, $"{text}: ratio {Ratio(text):F2}");
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("2024", 4)]
    [InlineData("a", 1)]
    [InlineData("<", 1)]
    [InlineData("=\"", 1)]
    public void CountTokens_SmallInputs_ExactCounts(string text, int expected)
    {
        Assert.Equal(expected, ApproximateTokenCounter.Instance.CountTokens(text));
    }

    [Fact]
    public void CountTokens_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => ApproximateTokenCounter.Instance.CountTokens(null!));
    }

    [Fact]
    public void CountTokens_LongerText_GrowsWithLength()
    {
        var one = ApproximateTokenCounter.Instance.CountTokens("<div class=\"wrapper\" node=\"4\"> Home </div>");
        var two = ApproximateTokenCounter.Instance.CountTokens("<div class=\"wrapper\" node=\"4\"> Home </div> <div class=\"wrapper\" node=\"4\"> Home </div>");

        Assert.InRange(one, 8, 20);
        Assert.InRange(two, (2 * one) - 1, (2 * one) + 1);
    }
}
