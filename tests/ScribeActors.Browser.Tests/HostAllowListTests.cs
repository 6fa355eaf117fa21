namespace ScribeActors.Browser.Tests;

public sealed class HostAllowListTests
{
    public static TheoryData<string> Urls => new()
    {
        "http://127.0.0.1:5100/",
        "http://127.0.0.1:5100",
        "http://127.0.0.1:5100/a?b=c#d",
        "http://127.0.0.1:5101/",
        "http://127.0.0.1/",
        "https://127.0.0.1:5100/",
        "http://127.0.0.1.evil.com:5100/",
        "http://evil.com/?u=http://127.0.0.1:5100/",
        "http://user@127.0.0.1:5100/",
        "http://shop.example.com/",
        "https://a.b.example.com:8443/x",
        "http://example.com/",
        "http://notexample.com/",
        "http://docs.local:80/",
        "http://docs.local/",
        "http://docs.local:8080/",
        "ftp://shop.example.com/",
        "data:text/html,hi",
        "about:blank",
        "http://localhost:5100/",
    };

    [Theory]
    [MemberData(nameof(Urls))]
    public void RouteFilter_AnyUrl_MatchesEveryUrlThatIsNotAllowed(string url)
    {
        var allowList = new HostAllowList(["127.0.0.1:5100", "*.example.com", "docs.local:80"]);

        if (!allowList.IsAllowed(url))
        {
            Assert.True(allowList.RouteFilter.IsMatch(url), $"{url} is not allowed, so the router must see it (filter {allowList.RouteFilter}).");
        }
    }

    [Theory]
    [InlineData("http://127.0.0.1:5100/")]
    [InlineData("http://127.0.0.1:5100/style.css?v=1")]
    [InlineData("http://shop.example.com/img.png")]
    [InlineData("https://a.b.example.com:8443/x")]
    public void RouteFilter_AllowedUrl_IsNotRouted(string url)
    {
        var allowList = new HostAllowList(["127.0.0.1:5100", "*.example.com"]);

        Assert.True(allowList.IsAllowed(url));
        Assert.False(allowList.RouteFilter.IsMatch(url), $"{url} is allowed and should not cost a round trip.");
    }

    [Fact]
    public void RouteFilter_EmptyAllowList_MatchesEverything()
    {
        var allowList = new HostAllowList([]);

        Assert.Matches(allowList.RouteFilter, "http://127.0.0.1/");
        Assert.Equal("(empty)", allowList.Describe());
    }
}
