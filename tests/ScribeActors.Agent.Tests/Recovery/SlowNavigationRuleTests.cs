using ScribeActors.Abstractions;
using ScribeActors.Agent.Recovery;

namespace ScribeActors.Agent.Tests.Recovery;

public sealed class SlowNavigationRuleTests
{
    [Theory]
    [InlineData(ActionFailureKind.Timeout, "http://s.test/done", true)]
    [InlineData(ActionFailureKind.Timeout, "http://s.test/form#x", false)]
    [InlineData(ActionFailureKind.NotInteractable, "http://s.test/done", false)]
    [InlineData(ActionFailureKind.Timeout, null, false)]
    public void TookEffect_OnlyATimeoutThatLeftThePage(ActionFailureKind failure, string? urlAfter, bool expected) =>
        Assert.Equal(expected, SlowNavigationRule.TookEffect(ActionResult.Fail(failure, "m", urlAfter), "http://s.test/form"));

    [Fact]
    public void TookEffect_Success_IsNotThisRule() =>
        Assert.False(SlowNavigationRule.TookEffect(ActionResult.Success("http://s.test/done", TimeSpan.Zero), "http://s.test/form"));
}
