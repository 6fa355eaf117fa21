namespace ScribeActors.Agent.Tests.Pruning;

/// <summary>
/// The pruner and the fitters give, byte for byte, what they gave before they were made linear for big pages: the
/// digests were computed with the earlier implementation (commit c606917) over the same deterministic random pages.
/// </summary>
public class PruningRegressionTests
{
    [Theory]
    [InlineData(0, "07DF16CAB55FAFC1B76E5433")]
    [InlineData(50, "13EF3620FC5239E81B47F0D7")]
    [InlineData(100, "4AB5F6E9471392E49DD8BAC6")]
    [InlineData(150, "341F752E75462A24AC9683AE")]
    [InlineData(200, "6A68687BC78B800A0D795795")]
    [InlineData(250, "9164288E212F40A22C68E01C")]
    [InlineData(300, "F321DC613AD70D3A7F7F7324")]
    [InlineData(350, "B4F6956B3AA4ECD557B342F9")]
    public void PruneAndFit_RandomPages_SameOutputsAsBefore(int firstSeed, string digest)
    {
        Assert.Equal(digest, RandomPages.Digest(firstSeed, 50));
    }

    [Theory]
    [InlineData(0, "4D3663EB4B0C19C012340995")]
    [InlineData(10, "73ADA302440E9F8C0B9C5BF6")]
    [InlineData(20, "31A2FBC3378720B8AECA3143")]
    [InlineData(30, "973FD55C637D7346947CAB18")]
    public void PruneAndFit_LargeRandomPages_SameOutputsAsBefore(int firstSeed, string digest)
    {
        Assert.Equal(digest, RandomPages.Digest(firstSeed, 10, large: true));
    }
}
