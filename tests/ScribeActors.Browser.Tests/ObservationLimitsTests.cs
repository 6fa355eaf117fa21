namespace ScribeActors.Browser.Tests;

public sealed class ObservationLimitsTests
{
    private static readonly ObservationLimits Limits = ObservationLimits.Of(new BrowserOptions { MaxObservationChars = 10_000_000, MaxObservationElements = 500_000 });

    [Theory]
    [InlineData(10_000_000, 500_000)]
    [InlineData(0, 0)]
    [InlineData(9_000_000, -1)]
    public void Check_WithinBothLimits_Null(long chars, int elements)
    {
        Assert.Null(Limits.Check("http://shop/x", chars, elements));
    }

    [Fact]
    public void Check_OverTheCharacterLimit_SaysSizeLimitAndSetting()
    {
        var tooLarge = Limits.Check("http://shop/list", 11_812_345, 720_006);

        Assert.NotNull(tooLarge);
        Assert.Equal(11_812_345, tooLarge.DomChars);
        Assert.Equal(720_006, tooLarge.Elements);
        Assert.Equal(10_000_000, tooLarge.MaxDomChars);
        Assert.Equal(500_000, tooLarge.MaxElements);
        Assert.Equal(
            "The page http://shop/list is too large to observe: its DOM is 11,812,345 characters with 720,006 elements, over the limit of " +
            "10,000,000 characters set by Scribe:Browser:MaxObservationChars. Raise that setting or keep the workflow off this page.",
            tooLarge.Message);
    }

    [Fact]
    public void Check_OverTheElementLimitOnly_NamesThatSetting()
    {
        var tooLarge = Limits.Check("http://shop/list", 9_000_000, 720_006);

        Assert.NotNull(tooLarge);
        Assert.Contains("over the limit of 500,000 elements set by Scribe:Browser:MaxObservationElements", tooLarge.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ElementsNotCountedYet_OnlyCharactersInTheMessage()
    {
        var tooLarge = new ObservationLimits(100, 10, "--max-chars", "--max-elements").Check("page.html", 250, -1);

        Assert.NotNull(tooLarge);
        Assert.Equal("The page page.html is too large to observe: its DOM is 250 characters, over the limit of 100 characters set by --max-chars. Raise that setting or keep the workflow off this page.", tooLarge.Message);
    }
}
