using ScribeActors.Agent.Datasets;

namespace ScribeActors.Agent.Tests.Datasets;

public sealed class SeedListTests
{
    [Fact]
    public void Parse_RangesAndSingles_AscendingDistinct() => Assert.Equal([0, 1, 2, 3, 5, 7], SeedList.Parse("5, 0-3,7,2"));

    [Fact]
    public void Format_Seeds_CanonicalRuns() => Assert.Equal("0-3,5,7-8", SeedList.Format([8, 0, 1, 2, 3, 5, 7, 3]));

    [Theory]
    [InlineData("0-x", "'0-x'")]
    [InlineData("-3", "'-3'")]
    [InlineData("5-2", "runs backwards")]
    [InlineData("", "''")]
    public void Parse_BadList_ThrowsNamingThePart(string text, string named) =>
        Assert.Contains(named, Assert.Throws<FormatException>(() => SeedList.Parse(text)).Message, StringComparison.Ordinal);
}
