using ScribeActors.Grains.Schedules;

namespace ScribeActors.Grains.Tests.Schedules;

public sealed class ScheduleOptionsTests
{
    [Theory]
    [InlineData("00:01:00")]
    [InlineData("00:00:01")]
    [InlineData("01:00:00")]
    public void Validate_TickPeriodInRange_Succeeds(string value)
    {
        Assert.True(new ScheduleOptionsValidator().Validate(null, new ScheduleOptions { TickPeriod = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture) }).Succeeded);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:01:00")]
    [InlineData("2.00:00:00")]
    public void Validate_TickPeriodOutOfRange_FailsNamingIt(string value)
    {
        var result = new ScheduleOptionsValidator().Validate(null, new ScheduleOptions { TickPeriod = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.True(result.Failed);
        Assert.Contains("ScheduleOptions.TickPeriod must be between", result.FailureMessage, StringComparison.Ordinal);
    }
}
