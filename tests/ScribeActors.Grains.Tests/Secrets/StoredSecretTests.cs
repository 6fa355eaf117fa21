using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using ScribeActors.Abstractions;
using ScribeActors.Grains.Schedules;
using ScribeActors.Grains.Tests.Fakes;
using ScribeActors.Grains.Workflows;

namespace ScribeActors.Grains.Tests.Secrets;

/// <summary>Secrets at the grain level: a workflow whose secrets the browser silo lacks fails at its start, naming the
/// secret; state stored before placeholders existed is redacted when its grain activates and written back.</summary>
[Trait("Suite", "Cluster")]
public sealed class StoredSecretTests(SharedCluster shared) : SharedClusterTests(shared)
{
    private const string Password = "hunter22!";

    [Fact]
    public async Task Start_SecretNotConfiguredOnTheBrowserSilo_FailsAtStartNamingIt_ConfiguredOneRuns()
    {
        await using var h = await FakeCluster.StartAsync(null, new Dictionary<string, string?> { ["Scribe:Secrets:present_one:Value"] = "configured-value" });

        var missing = await h.Client.StartAsync(FakeWeb.Spec() with { Objective = "Submit the amount as {{secret:present_one}} and {{secret:missing_one}}" });
        var failed = await h.WaitAsync(missing.Id);
        var present = await h.WaitAsync((await h.Client.StartAsync(FakeWeb.Spec() with { Objective = "Submit the amount as {{secret:present_one}}" })).Id);

        Assert.Equal(WorkflowStatus.Failed, failed.Status);
        Assert.StartsWith("SecretUnavailable: Secret 'missing_one' is not configured on this browser silo", failed.FailureReason, StringComparison.Ordinal);
        Assert.Empty(failed.Steps);
        Assert.Equal(WorkflowStatus.Succeeded, present.Status); // the check passes a configured secret: it is not failing everything
        Assert.Single(h.Web.Sessions); // the failed one never opened a browser context
    }

    [Fact]
    public async Task Activate_WorkflowStoredWithClearTextPassword_RedactedAndWrittenBack()
    {
        var h = Shared;
        var grain = h.Grains.GetGrain<IWorkflowGrain>("old-" + Guid.NewGuid().ToString("N")[..8]);
        var storage = Storage(h);
        var spec = OldSpec();
        await storage.WriteStateAsync("workflow", grain.GetGrainId(), new GrainState<WorkflowState>(new WorkflowState
        {
            Spec = spec,
            Status = WorkflowStatus.Failed,
            FailureReason = $"Step 2 (type node 5 \"{Password}\") failed: Timeout",
            Steps =
            [
                new StepRecord { Index = 0, Phase = StepPhase.Done, Action = BrowserAction.Type(5, Password), Description = $"1.\nDescription: Type \"{Password}\"\nAction: keyboard_sequence_action\nNode: 5\nTarget: <input node=\"5\" type=\"password\" name=\"pwd\">\n" },
            ],
            Version = 3,
        }));

        var snapshot = await grain.GetAsync();
        var stored = new GrainState<WorkflowState>();
        await storage.ReadStateAsync("workflow", grain.GetGrainId(), stored);

        const string placeholder = "{{secret:fake_test_pwd}}";
        Assert.DoesNotContain(Password, JsonSerializer.Serialize(snapshot), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, JsonSerializer.Serialize(stored.State!), StringComparison.Ordinal);
        Assert.Equal($"Sign in with {placeholder}", stored.State!.Spec!.Objective);
        Assert.Equal(placeholder, stored.State.Spec.StepSource!.Replay!.Steps[1].Value);
        Assert.Equal(placeholder, stored.State.Steps[0].Action!.Text);
        Assert.Equal(4, stored.State.Version);
        Assert.Contains(await h.Client.ListAsync(), w => w.Id == snapshot.Id && w.Objective == $"Sign in with {placeholder}");
    }

    [Fact]
    public async Task Activate_ScheduleStoredWithClearTextPassword_TemplateRedactedAndWrittenBack()
    {
        var h = Shared;
        var grain = h.Grains.GetGrain<IScheduleGrain>("old-" + Guid.NewGuid().ToString("N")[..8]);
        var storage = Storage(h);
        await storage.WriteStateAsync("schedule", grain.GetGrainId(), new GrainState<ScheduleState>(new ScheduleState
        {
            Spec = new ScheduleSpec { Cron = "0 7 * * *", Workflow = OldSpec() },
            CreatedAt = DateTimeOffset.UnixEpoch,
            HandledUpTo = DateTimeOffset.UnixEpoch,
        }));

        var snapshot = await grain.GetAsync();
        var stored = new GrainState<ScheduleState>();
        await storage.ReadStateAsync("schedule", grain.GetGrainId(), stored);

        Assert.DoesNotContain(Password, JsonSerializer.Serialize(snapshot), StringComparison.Ordinal);
        Assert.DoesNotContain(Password, JsonSerializer.Serialize(stored.State!), StringComparison.Ordinal);
        Assert.Equal("{{secret:fake_test_pwd}}", stored.State!.Spec!.Workflow.StepSource!.Replay!.Steps[1].Value);
        Assert.Empty(stored.State.Spec.Workflow.Validate()); // the template starts workflows again
    }

    private static IGrainStorage Storage(FakeCluster h) =>
        h.Cluster.GetSiloServiceProvider(h.Cluster.Silos[0].SiloAddress).GetRequiredKeyedService<IGrainStorage>(StorageNames.State);

    private static WorkflowSpec OldSpec() => new()
    {
        Objective = $"Sign in with {Password}",
        StartUrl = FakeWeb.Origin + "/start",
        StepSource = StepSourceSpec.ForReplay(new RecordedWorkflow
        {
            Objective = $"Sign in with {Password}",
            StartUrl = FakeWeb.Origin + "/start",
            Steps =
            [
                new RecordedStep { Index = 1, Description = "Type \"alice\"", Action = StepActions.Type, Value = "alice", Signature = new TargetSignature { Tag = "input", Attributes = new() { ["name"] = "user" } }, Url = FakeWeb.Origin + "/start" },
                new RecordedStep { Index = 2, Description = $"Type \"{Password}\"", Action = StepActions.Type, Value = Password, Signature = new TargetSignature { Tag = "input", Attributes = new() { ["name"] = "pwd", ["type"] = "password" } }, Url = FakeWeb.Origin + "/start" },
                new RecordedStep { Index = 3, Description = "Done", Action = StepActions.Finish },
            ],
        }),
    };
}
