using System.Text.Json;

namespace ScribeActors.Browser.Tests;

public sealed class StorageStateSnapshotTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5000/a/b?c", "http://127.0.0.1:5000")]
    [InlineData("https://Example.COM/path", "https://example.com")]
    [InlineData("http://[::1]:8080/", "http://[::1]:8080")]
    [InlineData("about:blank", null)]
    [InlineData("data:text/html,hi", null)]
    [InlineData("chrome-error://chromewebdata/", null)]
    [InlineData("null", null)]
    [InlineData(null, null)]
    public void OriginOf_WebUrlsOnly(string? url, string? expected) =>
        Assert.Equal(expected, StorageStateSnapshot.OriginOf(url));

    [Fact]
    public void ParseThenToJson_KeepsOriginsAndReplacesOnlyTheOnesReadAgain()
    {
        var snapshot = StorageStateSnapshot.Parse("""
            {"cookies":[],"origins":[
              {"origin":"http://a.test","localStorage":[{"name":"x","value":"1"}]},
              {"origin":"http://b.test","localStorage":[{"name":"y","value":"2"}]},
              {"localStorage":[{"name":"orphan","value":"?"}]}]}
            """);

        snapshot.SetLocalStorage("http://b.test", [new("y", "3"), new("z", "")]);
        snapshot.SetLocalStorage("http://c.test", []);
        using var json = JsonDocument.Parse(snapshot.ToJson([]));

        var origins = json.RootElement.GetProperty("origins").EnumerateArray()
            .ToDictionary(o => o.GetProperty("origin").GetString()!, o => o.GetProperty("localStorage").EnumerateArray()
                .Select(i => $"{i.GetProperty("name").GetString()}={i.GetProperty("value").GetString()}").ToArray());
        Assert.Equal(["http://a.test", "http://b.test"], origins.Keys.Order());
        Assert.Equal(["x=1"], origins["http://a.test"]);
        Assert.Equal(["y=3", "z="], origins["http://b.test"]);
        Assert.Empty(json.RootElement.GetProperty("cookies").EnumerateArray());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("{\"cookies\":[]}")]
    public void Parse_NothingStored_IsEmpty(string? json) =>
        Assert.Empty(StorageStateSnapshot.Parse(json).Origins);

    [Fact]
    public void Parse_NotJson_Throws() =>
        Assert.ThrowsAny<JsonException>(() => StorageStateSnapshot.Parse("{cookies"));
}
