using ScribeActors.Agent.Recovery;

namespace ScribeActors.Agent.Tests.Recovery;

public sealed class LostWritesRuleTests
{
    [Theory]
    [InlineData(true, "me", 7, true)] // an older copy this activation wrote
    [InlineData(true, "before", 3, true)] // the copy it started from: storage lost all it wrote
    [InlineData(false, null, 0, true)] // nothing at all: storage lost even the first write
    [InlineData(true, "other", 7, false)] // another activation wrote
    [InlineData(true, "other", 11, false)]
    [InlineData(true, "me", 12, false)] // not older than what this activation writes: not a copy storage went back to
    public void StorageWentBack_TheStoredCopy_TellsLostWritesFromAnotherWriter(bool exists, string? writer, long version, bool wentBack) =>
        Assert.Equal(wentBack, LostWritesRule.StorageWentBack(exists, writer, version, mine: "me", basedOn: "before", mineVersion: 12));
}
