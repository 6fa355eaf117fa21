using Microsoft.Extensions.DependencyInjection;
using ScribeActors.Abstractions;
using ScribeActors.Browser;
using ScribeActors.IntegrationTests.Infrastructure;
using ScribeActors.Testing;

namespace ScribeActors.IntegrationTests.Durability;

/// <summary>Workflow state, reminders and schedules live in Azurite and survive the whole cluster going away.</summary>
[Trait("Suite", "Cluster"), Trait("Needs", "Azurite,Chromium")]
public sealed class ClusterRestartTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Workflow_ClusterKilledMidRun_ResumesOnNewClusterAndCompletesOnce()
    {
        Requirements.Chromium();
        await using var world = await DemoWorld.StartAsync(seed: 11);
        await world.Client.SetLatencyAsync(150); // slow site, so the kill lands mid-run
        var serviceId = "restart" + Guid.NewGuid().ToString("N")[..8];
        var task = world.Tasks().OrderByDescending(t => t.Script.Count).First();

        var first = await AzuriteTestCluster.StartAsync(serviceId);
        var browsers = first.GetSiloServiceProvider(first.Silos[0].SiloAddress).GetRequiredService<IBrowserHost>();
        var recording = await world.RecordAsync(browsers, task);
        var started = await first.Client().StartAsync(world.Spec(task, recording));
        await Eventually(async () => (await first.Client().GetAsync(started.Id)).Steps.Count(s => s.Phase == StepPhase.Done) >= 2, "two steps done before the kill");
        var before = await first.Client().GetAsync(started.Id);
        await first.KillSiloAsync(first.Silos[0]);
        await first.DisposeAsync();

        await using var second = await AzuriteTestCluster.StartAsync(serviceId);
        using var timeout = new CancellationTokenSource(Patience);
        var final = await second.Client().WaitForCompletionAsync(started.Id, timeout.Token);

        Assert.True(final.Status == WorkflowStatus.Succeeded, $"ended {final.Status}: {final.FailureReason}");
        Assert.True(final.Resumptions >= 1, "the workflow did not record a resumption");
        Assert.True(final.Steps.Length >= before.Steps.Length, "steps recorded before the kill were lost");
        for (var i = 0; i < before.Steps.Count(s => s.Phase == StepPhase.Done); i++)
        {
            Assert.Equal(before.Steps[i].ActionId, final.Steps[i].ActionId);
        }

        var check = task.Check(await world.Client.GetStateAsync());
        Assert.True(check.Succeeded, check.Reason);
    }

    [Fact]
    public async Task Schedule_ClusterRestarted_ReminderKeepsStartingWorkflows()
    {
        await using var world = await DemoWorld.StartAsync(seed: 12);
        var serviceId = "sched" + Guid.NewGuid().ToString("N")[..8];
        var url = world.Sites.BaseUrl.ToString();
        var spec = new ScheduleSpec
        {
            Cron = "*/1 * * * * *",
            Workflow = new WorkflowSpec
            {
                Objective = "open the landing page",
                StartUrl = url,
                StepSource = StepSourceSpec.ForReplay(new RecordedWorkflow
                {
                    Objective = "open the landing page",
                    StartUrl = url,
                    Steps = [new RecordedStep { Index = 1, Description = "Done", Action = StepActions.Finish }],
                }),
            },
        };
        var scheduleId = "every-second-" + Guid.NewGuid().ToString("N")[..6];

        int runsBefore;
        await using (var first = await AzuriteTestCluster.StartAsync(serviceId))
        {
            await first.Client().CreateScheduleAsync(scheduleId, spec);
            await Eventually(async () => (await first.Client().GetScheduleAsync(scheduleId)).RunCount >= 1, "the schedule started a workflow");
            runsBefore = (await first.Client().GetScheduleAsync(scheduleId)).RunCount;
            await first.StopAllSilosAsync();
        }

        await using var second = await AzuriteTestCluster.StartAsync(serviceId);
        // Nobody registers anything again: the persisted reminder must tick on the new cluster.
        await Eventually(async () => (await second.Client().GetScheduleAsync(scheduleId)).RunCount > runsBefore, "the reminder ticked after the restart");
        var after = await second.Client().GetScheduleAsync(scheduleId);
        Assert.NotNull(after.LastWorkflowId);
        var workflow = await second.Client().GetAsync(after.LastWorkflowId!);
        Assert.Equal(scheduleId, workflow.Spec.Labels["schedule"]);
        Assert.Contains(scheduleId, (await second.Client().ListSchedulesAsync()).Select(s => s.Id));
        await second.Client().DeleteScheduleAsync(scheduleId);
        await Assert.ThrowsAsync<ScheduleNotFoundException>(() => second.Client().GetScheduleAsync(scheduleId));
    }

    [Fact]
    public async Task Schedule_InvalidCronOrTimeZone_ThrowsNamingTheProblem()
    {
        await using var cluster = await AzuriteTestCluster.StartAsync("badcron" + Guid.NewGuid().ToString("N")[..8]);
        var workflow = new WorkflowSpec
        {
            Objective = "x",
            StartUrl = "http://127.0.0.1:9/",
            StepSource = StepSourceSpec.ForReplay(new RecordedWorkflow { Objective = "x", StartUrl = "http://127.0.0.1:9/", Steps = [new RecordedStep { Description = "Done", Action = StepActions.Finish }] }),
        };
        var cron = await Assert.ThrowsAsync<InvalidScheduleException>(() => cluster.Client().CreateScheduleAsync("s1", new ScheduleSpec { Cron = "61 * * * *", Workflow = workflow }));
        Assert.Contains("61 * * * *", cron.Message);
        var fields = await Assert.ThrowsAsync<InvalidScheduleException>(() => cluster.Client().CreateScheduleAsync("s2", new ScheduleSpec { Cron = "* *", Workflow = workflow }));
        Assert.Contains("2 fields", fields.Message);
        var zone = await Assert.ThrowsAsync<InvalidScheduleException>(() => cluster.Client().CreateScheduleAsync("s3", new ScheduleSpec { Cron = "0 7 * * *", TimeZone = "Mars/Olympus", Workflow = workflow }));
        Assert.Contains("Mars/Olympus", zone.Message);
        await Assert.ThrowsAsync<ScheduleNotFoundException>(() => cluster.Client().GetScheduleAsync("s1"));
    }

    private static Task Eventually(Func<Task<bool>> condition, string what) => Testing.Eventually.TrueAsync(condition, what, Patience);
}
