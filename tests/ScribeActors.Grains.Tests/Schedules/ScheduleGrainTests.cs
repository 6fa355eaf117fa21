using Microsoft.Extensions.Time.Testing;
using ScribeActors.Abstractions;
using ScribeActors.Grains.Tests.Fakes;

namespace ScribeActors.Grains.Tests.Schedules;

[Trait("Suite", "Cluster")]
public sealed class ScheduleGrainTests(SharedCluster shared) : SharedClusterTests(shared)
{
    private static readonly Dictionary<string, string?> SlowReminder = new() { ["Scribe:Schedule:TickPeriod"] = "01:00:00" };

    [Fact]
    public async Task TickAsync_AfterAnOutageWithTwelveMissedOccurrences_StartsOneWorkflowForTheLatest()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));
        await using var h = await FakeCluster.StartAsync(time, SlowReminder);
        var schedule = h.Grains.GetGrain<IScheduleGrain>("every-5-min");
        await schedule.CreateAsync(new ScheduleSpec { Cron = "*/5 * * * *", Workflow = FakeWeb.Spec() });
        Assert.Null(await schedule.TickAsync());

        time.Advance(TimeSpan.FromMinutes(61)); // 08:05 ... 09:00 were all missed
        var started = await schedule.TickAsync();

        Assert.Equal("every-5-min-20261102T090000Z", started);
        Assert.Null(await schedule.TickAsync());
        var snapshot = await schedule.GetAsync();
        Assert.Equal(1, snapshot.RunCount);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero), snapshot.LastOccurrence);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 9, 5, 0, TimeSpan.Zero), snapshot.NextOccurrence);
        var workflow = await h.Client.GetAsync(started!);
        Assert.Equal("every-5-min", workflow.Spec.Labels["schedule"]);

        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("every-5-min-20261102T090500Z", await schedule.TickAsync());
        Assert.Equal(2, (await schedule.GetAsync()).RunCount);
    }

    [Fact]
    public async Task TickAsync_TimeZone_ReadsTheExpressionInThatZone()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero));
        await using var h = await FakeCluster.StartAsync(time, SlowReminder);
        var schedule = h.Grains.GetGrain<IScheduleGrain>("berlin-7am");
        var created = await schedule.CreateAsync(new ScheduleSpec { Cron = "0 7 * * *", TimeZone = "Europe/Berlin", Workflow = FakeWeb.Spec() });

        // 07:00 in Berlin in July (CEST, UTC+2) is 05:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 5, 0, 0, TimeSpan.Zero), created.NextOccurrence);
        time.Advance(TimeSpan.FromHours(5));
        Assert.Equal("berlin-7am-20260701T050000Z", await schedule.TickAsync());
    }

    [Fact]
    public async Task CreateAsync_BadInput_ThrowsNamingTheProblemAndKeepsNothing()
    {
        var h = Shared;
        var e = await Assert.ThrowsAsync<InvalidScheduleException>(() =>
            h.Client.CreateScheduleAsync("bad", new ScheduleSpec { Cron = "*/5 * * * *", Workflow = FakeWeb.Spec() with { StartUrl = "nope" } }));
        Assert.Contains("StartUrl 'nope'", e.Message);
        await Assert.ThrowsAsync<ScheduleNotFoundException>(() => h.Client.GetScheduleAsync("bad"));
        Assert.DoesNotContain("bad", (await h.Client.ListSchedulesAsync()).Select(s => s.Id));
        await Assert.ThrowsAsync<ScheduleNotFoundException>(() => h.Client.DeleteScheduleAsync("bad"));
    }

    [Fact]
    public async Task CreateAsync_SuccessSelectorTheEvaluatorCannotRun_ThrowsNamingTheField()
    {
        var h = Shared;
        var workflow = FakeWeb.Spec() with { Success = new SuccessCriteria { Elements = ["p:has-text(\"Done\")"] } };

        var e = await Assert.ThrowsAsync<InvalidScheduleException>(() =>
            h.Client.CreateScheduleAsync("bad-success", new ScheduleSpec { Cron = "*/5 * * * *", Workflow = workflow }));

        Assert.Contains("Success.Elements[0] 'p:has-text(\"Done\")' is not a CSS selector the page evaluator supports", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ScheduleNotFoundException>(() => h.Client.GetScheduleAsync("bad-success"));
    }
}
