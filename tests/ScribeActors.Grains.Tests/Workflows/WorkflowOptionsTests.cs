using ScribeActors.Grains.Workflows;

namespace ScribeActors.Grains.Tests.Workflows;

public sealed class WorkflowOptionsTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        Assert.True(new WorkflowOptionsValidator().Validate(null, new WorkflowOptions()).Succeeded);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:01")]
    [InlineData("00:10:00.001")]
    [InlineData("1.00:00:00")]
    public void Validate_RetryDelayNotPositiveOrOverTenMinutes_FailsNamingIt(string value)
    {
        var result = new WorkflowOptionsValidator().Validate(null, new WorkflowOptions { RetryDelay = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.True(result.Failed);
        Assert.Contains("WorkflowOptions.RetryDelay must be between 00:00:00.0010000 and 00:10:00", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:00:00.999")]
    [InlineData("-00:01:00")]
    [InlineData("1.00:00:01")]
    public void Validate_KeepAlivePeriodUnderASecondOrOverADay_FailsNamingIt(string value)
    {
        var result = new WorkflowOptionsValidator().Validate(null, new WorkflowOptions { KeepAlivePeriod = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.True(result.Failed);
        Assert.Contains("WorkflowOptions.KeepAlivePeriod must be between 00:00:01 and 1.00:00:00", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:00.001", "00:00:01")]
    [InlineData("00:10:00", "1.00:00:00")]
    [InlineData("00:00:00.050", "00:00:05")]
    public void Validate_RetryDelayAndKeepAliveAtTheirBounds_Succeeds(string retryDelay, string keepAlive)
    {
        var options = new WorkflowOptions
        {
            RetryDelay = TimeSpan.Parse(retryDelay, System.Globalization.CultureInfo.InvariantCulture),
            KeepAlivePeriod = TimeSpan.Parse(keepAlive, System.Globalization.CultureInfo.InvariantCulture),
        };

        Assert.True(new WorkflowOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_LoopLimitsUnderTwo_FailNamingThem()
    {
        var result = new WorkflowOptionsValidator().Validate(null, new WorkflowOptions { MaxRepeatedActions = 1, MaxUnchangedSteps = 0 });

        Assert.True(result.Failed);
        Assert.Contains("WorkflowOptions.MaxRepeatedActions must be between 2 and 1000", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("WorkflowOptions.MaxUnchangedSteps must be between 2 and 1000", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralBadSettings_ReportsEach()
    {
        var result = new WorkflowOptionsValidator().Validate(null, new WorkflowOptions { RetryDelay = TimeSpan.Zero, KeepAlivePeriod = TimeSpan.Zero, MaxActionAttempts = 0 });

        Assert.Equal(3, result.Failures!.Count());
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("23:59:59")]
    [InlineData("3650.00:00:01")]
    public void Validate_ObservationRetentionUnderADayOrOverTenYears_FailsNamingIt(string value)
    {
        var result = new WorkflowOptionsValidator().Validate(null, new WorkflowOptions { ObservationRetention = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.True(result.Failed);
        Assert.Contains("WorkflowOptions.ObservationRetention must be between 1.00:00:00 and 3650.00:00:00", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ObservationRetentionUnsetOrADay_Succeeds()
    {
        Assert.Null(new WorkflowOptions().ObservationRetention); // the default keeps every DOM, as before the setting
        Assert.True(new WorkflowOptionsValidator().Validate(null, new WorkflowOptions { ObservationRetention = TimeSpan.FromDays(1) }).Succeeded);
    }
}
