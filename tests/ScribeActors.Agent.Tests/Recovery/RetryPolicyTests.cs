using ScribeActors.Abstractions;
using ScribeActors.Agent.Recovery;

namespace ScribeActors.Agent.Tests.Recovery;

public sealed class RetryPolicyTests
{
    private static readonly RetryLimits Limits = new(RetryDelay: TimeSpan.FromMilliseconds(500), MaxRetryDelay: TimeSpan.FromSeconds(30));

    [Fact]
    public void OnFault_StorageConflict_ReloadsWithoutCounting()
    {
        var d = RetryPolicy.OnFault(InfrastructureFault.StorageConflict, errors: 9, outage: 0, "InconsistentStateException: etag", Limits);
        Assert.Equal(RetryMove.Reload, d.Kind);
        Assert.False(d.CountsAsError);
        Assert.Contains("etag", d.Reason);
    }

    [Theory]
    [InlineData(0, 500)]
    [InlineData(1, 1000)]
    [InlineData(5, 16000)]
    [InlineData(6, 30000)]
    [InlineData(1000, 30000)]
    public void OnFault_StorageUnavailable_WaitsForeverAtABackedOffPace(int outage, int expectedMs)
    {
        var d = RetryPolicy.OnFault(InfrastructureFault.StorageUnavailable, errors: 100, outage, "RequestFailedException: refused", Limits);
        Assert.Equal(RetryMove.Retry, d.Kind);
        Assert.False(d.CountsAsError);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), d.Delay);
    }

    [Fact]
    public void OnFault_SessionNotOpen_ReopensTheSession()
    {
        var d = RetryPolicy.OnFault(InfrastructureFault.SessionNotOpen, errors: 0, outage: 0, "not open", Limits);
        Assert.Equal(RetryMove.ReopenSession, d.Kind);
        Assert.True(d.CountsAsError);
    }

    [Theory]
    [InlineData(InfrastructureFault.Unexpected)]
    [InlineData(InfrastructureFault.Transient)]
    [InlineData(InfrastructureFault.SessionNotOpen)]
    public void OnFault_CountedFaults_FailAtTheLimitNamingTheLastError(InfrastructureFault fault)
    {
        Assert.Equal(RetryMove.Fail, RetryPolicy.OnFault(fault, errors: 9, outage: 0, "Boom: bad", Limits) is var d ? d.Kind : default);
        Assert.Equal("Stopped after 10 consecutive internal errors; last: Boom: bad", d.Reason);
        Assert.NotEqual(RetryMove.Fail, RetryPolicy.OnFault(fault, errors: 8, outage: 0, "Boom: bad", Limits).Kind);
    }

    [Fact]
    public void OnFault_Transient_RetriesAfterADelayThatGrows()
    {
        var first = RetryPolicy.OnFault(InfrastructureFault.Transient, errors: 0, outage: 0, "timeout", Limits);
        var third = RetryPolicy.OnFault(InfrastructureFault.Transient, errors: 2, outage: 0, "timeout", Limits);
        Assert.Equal(RetryMove.Retry, first.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(500), first.Delay);
        Assert.Equal(TimeSpan.FromMilliseconds(2000), third.Delay);
    }

    [Theory]
    [InlineData(ActionFailureKind.NotInteractable, false, 2, RetryMove.Retry)]
    [InlineData(ActionFailureKind.NotInteractable, false, 3, RetryMove.Fail)]
    [InlineData(ActionFailureKind.NavigationError, false, 3, RetryMove.Retry)]
    [InlineData(ActionFailureKind.NavigationError, false, 4, RetryMove.Fail)]
    [InlineData(ActionFailureKind.HostNotAllowed, false, 1, RetryMove.Fail)]
    [InlineData(ActionFailureKind.InvalidAction, false, 1, RetryMove.Fail)]
    [InlineData(ActionFailureKind.HostNotAllowed, true, 4, RetryMove.Retry)]
    [InlineData(ActionFailureKind.NotInteractable, true, 5, RetryMove.Fail)]
    public void OnActionFailed_LimitsDependOnTheFailureAndWhoChoseTheStep(ActionFailureKind failure, bool modelStep, int attempts, RetryMove expected)
    {
        var result = ActionResult.Fail(failure, "why");
        var d = RetryPolicy.OnActionFailed(result, 3, BrowserAction.Click(7), modelStep, attempts, Limits);
        Assert.Equal(expected, d.Kind);
        if (expected == RetryMove.Fail)
        {
            Assert.StartsWith("Step 3 (click node 7) failed", d.Reason);
            Assert.Contains($"{failure}: why", d.Reason);
        }
    }

    [Fact]
    public void OnOpenFailed_NavigationErrorsAreRetriedThenFailNamingTheUrl_OthersFailAtOnce()
    {
        var refused = ActionResult.Fail(ActionFailureKind.NavigationError, "net::ERR_CONNECTION_REFUSED");
        Assert.Equal(RetryMove.Retry, RetryPolicy.OnOpenFailed(refused, "http://a.test/", 3, Limits).Kind);
        var last = RetryPolicy.OnOpenFailed(refused, "http://a.test/", 4, Limits);
        Assert.Equal(RetryMove.Fail, last.Kind);
        Assert.Equal("Could not open the start URL http://a.test/ after 4 attempts: NavigationError: net::ERR_CONNECTION_REFUSED", last.Reason);
        var blocked = RetryPolicy.OnOpenFailed(ActionResult.Fail(ActionFailureKind.HostNotAllowed, "no"), "http://a.test/", 1, Limits);
        Assert.Equal("Could not open the start URL http://a.test/: HostNotAllowed: no", blocked.Reason);
    }

    [Fact]
    public void OnDecisionFailed_FailsAtTheLimitWithTheSourcesReason()
    {
        Assert.Equal(RetryMove.Retry, RetryPolicy.OnDecisionFailed("target not found", 2, Limits).Kind);
        var d = RetryPolicy.OnDecisionFailed("target not found", 3, Limits);
        Assert.Equal(new RetryDecision(RetryMove.Fail, TimeSpan.Zero, "target not found"), d);
    }

    [Fact]
    public void RetryLimits_Defaults_AreHalfASecondDoublingToThirtySeconds()
    {
        var limits = new RetryLimits();
        Assert.Equal(TimeSpan.FromMilliseconds(500), RetryPolicy.Backoff(1, limits));
        Assert.Equal(TimeSpan.FromSeconds(30), RetryPolicy.Backoff(int.MaxValue, limits));
        Assert.Equal(TimeSpan.FromSeconds(2), new RetryLimits(RetryDelay: TimeSpan.FromSeconds(2), MaxRetryDelay: TimeSpan.FromSeconds(1)).DelayCap);
    }

    [Theory]
    [InlineData(true, 4, RetryMove.Retry)]
    [InlineData(true, 5, RetryMove.Fail)]
    [InlineData(false, 2, RetryMove.Retry)]
    [InlineData(false, 3, RetryMove.Fail)]
    public void OnFinishRefused_UpToTheFailedStepLimit_RetriesThenFails(bool modelStep, int attempts, RetryMove expected)
    {
        var limits = Limits with { MaxModelActionFailures = 5, MaxActionAttempts = 3 };

        var d = RetryPolicy.OnFinishRefused("no element matches .paid", stepNumber: 7, modelStep, attempts, limits);

        Assert.Equal(expected, d.Kind);
        Assert.Contains("no element matches .paid", d.Reason, StringComparison.Ordinal);
        if (expected == RetryMove.Retry)
        {
            Assert.False(d.CountsAsError);
            Assert.Equal(RetryPolicy.Backoff(attempts, limits), d.Delay);
        }
        else
        {
            Assert.Contains("step 7", d.Reason, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(modelStep ? $"{attempts} failed model steps in a row" : $"refused {attempts} times", d.Reason, StringComparison.Ordinal);
        }
    }
}
