using ScribeActors.Abstractions;
using ScribeActors.Agent.Recovery;

namespace ScribeActors.Agent.Tests.Recovery;

public sealed class StoredEndingRuleTests
{
    [Theory]
    [InlineData(12, WorkflowStatus.Succeeded, StoredEnding.Stored)] // the ending itself
    [InlineData(13, WorkflowStatus.Succeeded, StoredEnding.Stored)] // a later record (the index caught up, a close noted)
    [InlineData(7, WorkflowStatus.Running, StoredEnding.Lost)] // storage went back to the workflow running
    [InlineData(7, WorkflowStatus.Paused, StoredEnding.Lost)]
    [InlineData(1, WorkflowStatus.Pending, StoredEnding.Lost)]
    [InlineData(11, WorkflowStatus.Failed, StoredEnding.Stored)] // another ending: not this activation's to overwrite
    public void Judge_TheStoredRecord_SaysWhetherTheEndingWasLost(long storedVersion, WorkflowStatus storedStatus, StoredEnding expected) =>
        Assert.Equal(expected, StoredEndingRule.Judge(12, recordExists: true, storedVersion, storedStatus));

    [Fact]
    public void Judge_NoRecordAtAll_TheEndingWasLost() =>
        Assert.Equal(StoredEnding.Lost, StoredEndingRule.Judge(12, recordExists: false, 0, WorkflowStatus.Pending));
}
