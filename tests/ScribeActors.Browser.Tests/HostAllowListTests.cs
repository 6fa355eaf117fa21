namespace ScribeActors.Browser.Tests;

public sealed class HostAllowListTests
{
    // The check the navigation guard applies to every top-frame navigation.
    [Theory]
    [InlineData("http://127.0.0.1:5100/", true)]
    [InlineData("http://127.0.0.1:5100", true)]
    [InlineData("http://127.0.0.1:5100/a?b=c#d", true)]
    [InlineData("https://127.0.0.1:5100/", true)]
    [InlineData("http://user@127.0.0.1:5100/", true)]
    [InlineData("http://shop.example.com/", true)]
    [InlineData("https://a.b.example.com:8443/x", true)]
    [InlineData("http://docs.local:80/", true)]
    [InlineData("http://docs.local/", true)]
    [InlineData("about:blank", true)]
    [InlineData("http://127.0.0.1:5101/", false)]
    [InlineData("http://127.0.0.1/", false)]
    [InlineData("http://127.0.0.1.evil.com:5100/", false)]
    [InlineData("http://evil.com/?u=http://127.0.0.1:5100/", false)]
    [InlineData("http://example.com/", false)]
    [InlineData("http://notexample.com/", false)]
    [InlineData("http://docs.local:8080/", false)]
    [InlineData("ftp://shop.example.com/", false)]
    [InlineData("data:text/html,hi", false)]
    [InlineData("http://localhost:5100/", false)]
    [InlineData("/account", false)]
    [InlineData("", false)]
    public void IsAllowed_Url_MatchesHostsPortsAndSubdomainsOnly(string url, bool allowed)
    {
        var allowList = new HostAllowList(["127.0.0.1:5100", "*.example.com", "docs.local:80"]);

        Assert.Equal(allowed, allowList.IsAllowed(url));
    }

    [Fact]
    public void IsAllowed_EmptyAllowList_AllowsNothingButABlankPage()
    {
        var allowList = new HostAllowList([]);

        Assert.False(allowList.IsAllowed("http://127.0.0.1/"));
        Assert.True(allowList.IsAllowed("about:blank"));
        Assert.Equal("(empty)", allowList.Describe());
    }

    [Theory]
    [InlineData(" ", "AllowedHosts[0] is empty")]
    [InlineData("http://127.0.0.1:5100/", "looks like a URL")]
    public void Constructor_BadEntry_NamesIt(string entry, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => new HostAllowList([entry]));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
