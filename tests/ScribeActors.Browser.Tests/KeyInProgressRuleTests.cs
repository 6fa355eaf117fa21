namespace ScribeActors.Browser.Tests;

/// <summary>When a request the server answered 409 under its Idempotency-Key is sent again (pure rule).</summary>
public sealed class KeyInProgressRuleTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(1, 250)]
    [InlineData(2, 500)]
    [InlineData(3, 1000)]
    [InlineData(4, 2000)]
    [InlineData(9, 2000)]
    public void NextTry_WithoutRetryAfter_DoublesFrom250MsUpTo2s(int answered, int expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), KeyInProgressRule.NextTry(answered, TimeSpan.Zero, null, Window));
    }

    [Theory]
    [InlineData("1", 1000)]
    [InlineData("0", 0)]
    [InlineData("30", 2000)] // capped: the page is waiting
    [InlineData("Wed, 21 Oct 2026 07:28:00 GMT", 250)] // a date is not honoured
    [InlineData("-1", 250)]
    public void NextTry_RetryAfterInSeconds_IsHonouredUpTo2s(string retryAfter, int expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), KeyInProgressRule.NextTry(1, TimeSpan.Zero, retryAfter, Window));
    }

    [Fact]
    public void NextTry_AWaitThatWouldPassTheWindow_LetsThe409Through()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), KeyInProgressRule.NextTry(5, TimeSpan.FromSeconds(8), null, Window));
        Assert.Null(KeyInProgressRule.NextTry(5, TimeSpan.FromSeconds(8.1), null, Window));
    }

    [Fact]
    public void NextTry_AfterAsManyTriesAsChromiumFollowsRedirectsSafely_LetsThe409Through()
    {
        Assert.NotNull(KeyInProgressRule.NextTry(KeyInProgressRule.MaxTries - 1, TimeSpan.Zero, "0", Window));
        Assert.Null(KeyInProgressRule.NextTry(KeyInProgressRule.MaxTries, TimeSpan.Zero, "0", Window));
    }
}
