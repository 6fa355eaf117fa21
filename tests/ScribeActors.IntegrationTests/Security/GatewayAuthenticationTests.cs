using ScribeActors.Abstractions;
using ScribeActors.IntegrationTests.Infrastructure;

namespace ScribeActors.IntegrationTests.Security;

/// <summary>The gateway of a silo with API keys: SDK clients without the right key connect but every call fails with
/// <see cref="ScribeUnauthorizedException"/> and changes nothing; with a key they work; calls from inside the silo
/// (its hosted client, grain to grain, reminders and timers) need none.</summary>
[Trait("Suite", "Integration"), Trait("Needs", "Azurite")]
public sealed class GatewayAuthenticationTests(KeyedSilo keyed) : IClassFixture<KeyedSilo>
{
    private const string Key = KeyedSilo.Key;
    private const string OldKey = KeyedSilo.SecondKey;
    private readonly TestSilo _silo = keyed.Silo;

    private static WorkflowSpec Spec(string objective) => new()
    {
        Objective = objective,
        StartUrl = "http://127.0.0.1:9/",
        StepSource = StepSourceSpec.ForReplay(new RecordedWorkflow
        {
            Objective = objective,
            StartUrl = "http://127.0.0.1:9/",
            Steps = [new RecordedStep { Index = 1, Description = "Done", Action = StepActions.Finish }],
        }),
    };

    [Fact]
    public async Task Sdk_NoKey_EveryCallUnauthorizedAndNothingCreated()
    {
        await using var anonymous = await ExternalClient.ConnectAsync(_silo.ServiceId);
        var id = "gw-none-" + Guid.NewGuid().ToString("N")[..8];

        var start = await Assert.ThrowsAsync<ScribeUnauthorizedException>(() => anonymous.Client.StartAsync(Spec("x"), id));
        Assert.False(start.KeyPresent);
        Assert.Contains("--api-key / SCRIBE_API_KEY", start.Message);
        await Assert.ThrowsAsync<ScribeUnauthorizedException>(() => anonymous.Client.ListAsync());
        await Assert.ThrowsAsync<ScribeUnauthorizedException>(() => anonymous.Client.ListSchedulesAsync());
        await Assert.ThrowsAsync<ScribeUnauthorizedException>(() => anonymous.Client.GetAsync(id));

        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => _silo.Client.GetAsync(id));
        Assert.DoesNotContain(await _silo.Client.ListAsync(), w => w.Id == id);
    }

    [Fact]
    public async Task Sdk_WrongKey_CancelRefusedAndWorkflowUntouched()
    {
        var id = "gw-wrong-" + Guid.NewGuid().ToString("N")[..8];
        await _silo.Client.StartAsync(Spec("keep me"), id);
        await _silo.Client.PauseAsync(id);
        var before = await _silo.Client.GetAsync(id);

        await using var intruder = await ExternalClient.ConnectAsync(_silo.ServiceId, apiKey: "not-the-key-0123456789abcdef");
        var e = await Assert.ThrowsAsync<ScribeUnauthorizedException>(() => intruder.Client.CancelAsync(id, "intruder"));
        Assert.True(e.KeyPresent);
        Assert.Contains("rejected the API key", e.Message);

        var after = await _silo.Client.GetAsync(id);
        Assert.Equal(before.Status, after.Status);
        Assert.NotEqual(WorkflowStatus.Cancelled, after.Status);
        await _silo.Client.CancelAsync(id);
    }

    [Fact]
    public async Task Sdk_EitherConfiguredKey_Works()
    {
        foreach (var key in new[] { Key, OldKey })
        {
            await using var client = await ExternalClient.ConnectAsync(_silo.ServiceId, apiKey: key);
            var id = "gw-ok-" + Guid.NewGuid().ToString("N")[..8];
            var started = await client.Client.StartAsync(Spec("allowed"), id);
            Assert.Equal(id, started.Id);
            Assert.Contains(await client.Client.ListAsync(), w => w.Id == id);
            Assert.Equal(WorkflowStatus.Cancelled, (await client.Client.CancelAsync(id)).Status);
            await Assert.ThrowsAsync<WorkflowNotFoundException>(() => client.Client.GetAsync("gw-unknown-" + Guid.NewGuid().ToString("N")));
        }
    }

    [Fact]
    public async Task SiloInternalCalls_NoKey_Pass()
    {
        // The silo's own grain factory (the hosted client the REST API uses) carries no key; the workflow grain then
        // calls the index grain, and its keep-alive reminder and loop timer fire, all without one.
        var id = "gw-internal-" + Guid.NewGuid().ToString("N")[..8];
        var started = await _silo.Client.StartAsync(Spec("internal"), id);
        Assert.Equal(id, started.Id);
        Assert.Contains(await _silo.Client.ListAsync(), w => w.Id == id);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var final = await _silo.Client.WaitForCompletionAsync(id, timeout.Token);
        Assert.True(final.IsTerminal, $"the workflow should have run to an end through timers and grain calls, is {final.Status}");
    }
}
