using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using ScribeActors.Abstractions;
using ScribeActors.Browser;
using ScribeActors.DemoSites;
using ScribeActors.IntegrationTests.Infrastructure;

namespace ScribeActors.IntegrationTests.Secrets;

/// <summary>Bad secret input through a real silo: a clear error naming the secret (never its value), nothing recorded
/// lost, the silo still serving.</summary>
[Trait("Suite", "Integration"), Trait("Needs", "Azurite,Chromium")]
public sealed class SecretBadInputTests : IAsyncLifetime
{
    private const string Elsewhere = "elsewhere_pw";

    private TestSilo _silo = null!;
    private DemoWorld _world = null!;

    public async Task InitializeAsync()
    {
        Requirements.Chromium();
        _world = await DemoWorld.StartAsync(seed: 13);
        _silo = await TestSilo.StartAsync(extra: new Dictionary<string, string?>
        {
            // The right password, but only for another host than the demo sites'.
            [$"Scribe:Secrets:{Elsewhere}:Value"] = DemoCredentials.SupplierPassword,
            [$"Scribe:Secrets:{Elsewhere}:AllowedHosts"] = "portal.example.com",
        });
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _world.DisposeAsync();
    }

    [Fact]
    public async Task Run_UnknownSecretName_FailsAtStartNamingIt_SpecKeptSiloServing()
    {
        var task = _world.Task("supplier.download-invoice");
        var recording = await _world.RecordAsync(_silo.Service<IBrowserHost>(), task);
        var spec = _world.Spec(task, recording) with { Objective = task.Objective + " Then confirm with {{secret:not_configured_pw}}." };

        var final = await RunAsync(spec);

        Assert.Equal(WorkflowStatus.Failed, final.Status);
        Assert.StartsWith("SecretUnavailable: Secret 'not_configured_pw' is not configured on this browser silo", final.FailureReason, StringComparison.Ordinal);
        Assert.Empty(final.Steps);
        Assert.Equal(spec.Objective, (await _silo.Client.GetAsync(final.Id)).Spec.Objective);
        Assert.Contains(await _silo.Client.ListAsync(WorkflowStatus.Failed), w => w.Id == final.Id);
        using var http = new HttpClient { BaseAddress = _silo.WebUrl };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("health")).StatusCode);
    }

    [Fact]
    public async Task Run_SecretNotAllowedOnTheSitesHost_FailsAtThatStepNamingSecretAndHost_EarlierStepsKept()
    {
        var task = _world.Task("supplier.download-invoice");
        var recording = await _world.RecordAsync(_silo.Service<IBrowserHost>(), task);
        var other = "{{secret:" + Elsewhere + "}}";
        recording = recording with
        {
            Steps = [.. recording.Steps.Select(s => s.IsPasswordEntry ? s with { Value = other, Description = $"Type \"{other}\"" } : s)],
        };

        var final = await RunAsync(_world.Spec(task, recording));

        Assert.Equal(WorkflowStatus.Failed, final.Status);
        Assert.Contains($"SecretNotAllowed: Secret '{Elsewhere}' may not be typed on host '{_world.Host}' (it is limited to portal.example.com)", final.FailureReason, StringComparison.Ordinal);
        var failed = final.Steps[^1];
        Assert.Equal(ActionFailureKind.SecretNotAllowed, failed.Outcome!.Failure);
        Assert.Equal(other, failed.Action!.Text);
        Assert.All(final.Steps.Take(final.Steps.Length - 1), s => Assert.True(s.Outcome?.Succeeded, $"step {s.Index} before the refused secret lost its outcome"));
        Assert.NotEmpty(final.Steps.Take(final.Steps.Length - 1));
        Assert.DoesNotContain(DemoCredentials.SupplierPassword, JsonSerializer.Serialize(final), StringComparison.Ordinal);
        Assert.Empty((await _world.Client.GetStateAsync()).Downloads); // never signed in, so nothing happened on the site
    }

    [Fact]
    public async Task Start_MalformedPlaceholder_RejectedBySdkAndRestNamingItAndNothingStored()
    {
        var url = new Uri(_world.Sites.BaseUrl, "supplier/login").ToString();
        var spec = new WorkflowSpec
        {
            Objective = "Sign in with {{secret:supplier-password}}",
            StartUrl = url,
            StepSource = StepSourceSpec.ForReplay(new RecordedWorkflow
            {
                Objective = "o",
                StartUrl = url,
                Steps = [new RecordedStep { Index = 1, Description = "Type the password", Action = StepActions.Type, Value = "{{ secret:supplier_password }}", Signature = new TargetSignature { Tag = "input" } }],
            }),
        };
        var id = "malformed-" + Guid.NewGuid().ToString("N")[..8];

        var e = await Assert.ThrowsAsync<InvalidWorkflowSpecException>(() => _silo.Client.StartAsync(spec, id));
        using var http = new HttpClient { BaseAddress = _silo.WebUrl };
        var response = await http.PostAsJsonAsync($"api/workflows?id={id}", spec, new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } });
        var problem = await response.Content.ReadAsStringAsync();

        Assert.Contains("Objective: '{{secret:supplier-password}}' is not a valid secret placeholder", e.Message, StringComparison.Ordinal);
        Assert.Contains("StepSource.Replay.Steps[0].value: '{{ secret:supplier_password }}' is not a valid secret placeholder", e.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("{{secret:supplier-password}}", problem, StringComparison.Ordinal);
        await Assert.ThrowsAsync<WorkflowNotFoundException>(() => _silo.Client.GetAsync(id));
    }

    private async Task<WorkflowSnapshot> RunAsync(WorkflowSpec spec)
    {
        var started = await _silo.Client.StartAsync(spec);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return await _silo.Client.WaitForCompletionAsync(started.Id, cts.Token);
    }
}
