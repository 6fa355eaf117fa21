using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ScribeActors.Abstractions;
using ScribeActors.Browser;
using ScribeActors.IntegrationTests.Infrastructure;
using ScribeActors.Testing;

namespace ScribeActors.IntegrationTests.Workflows;

/// <summary>
/// Scribe:Browser:MaxObservationChars on a real silo with Chromium and the demo sites: pages under the limit are
/// observed and acted on as ever; the first page over it ends the workflow at once with the page's size, the limit and
/// the setting, and the steps done before stay recorded.
/// </summary>
[Trait("Suite", "Integration"), Trait("Needs", "Azurite,Chromium")]
public sealed class PageSizeLimitTests
{
    [Fact]
    public async Task Run_PageOverTheConfiguredLimit_StepsBeforeItDoneThenFailsNamingSizeLimitAndSetting()
    {
        Requirements.Chromium();
        await Requirements.AzuriteAsync();
        await using var world = await DemoWorld.StartAsync(seed: 4);
        var task = world.Task("supplier.dispute-invoice");

        // The login page, measured without a limit: the limit lets it (and typing into it) through, not the invoice list
        // that signing in leads to.
        RecordedWorkflow recording;
        int loginChars;
        await using (var unlimited = DemoSecrets.BrowserHost())
        {
            recording = await world.RecordAsync(unlimited, task);
            await using var session = await unlimited.OpenSessionAsync(new BrowserSessionOptions { AllowedHosts = [world.Host], Url = task.StartUrl });
            loginChars = (await session.ObserveAsync()).Dom.Length;
        }

        var limit = loginChars + 500;
        await using var silo = await TestSilo.StartAsync(extra: new Dictionary<string, string?>
        {
            ["Scribe:Browser:MaxObservationChars"] = limit.ToString(CultureInfo.InvariantCulture),
        });

        var started = await silo.Client.StartAsync(world.Spec(task, recording));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var final = await silo.Client.WaitForCompletionAsync(started.Id, timeout.Token);

        Assert.Equal(WorkflowStatus.Failed, final.Status);
        var reason = final.FailureReason!;
        Assert.Contains("too large to observe", reason, StringComparison.Ordinal);
        Assert.Contains($"over the limit of {limit.ToString("N0", CultureInfo.InvariantCulture)} characters set by Scribe:Browser:MaxObservationChars", reason, StringComparison.Ordinal);
        Assert.Matches("its DOM is [0-9,]+ characters with [0-9,]+ elements", reason);

        // Under the limit the login page worked: its steps were taken and are kept; the failure is a step of its own.
        var done = final.Steps[..^1];
        Assert.NotEmpty(done);
        Assert.All(done, step => Assert.True(step.Outcome?.Succeeded, $"step {step.Index}: {step.Outcome}"));
        var last = final.Steps[^1];
        Assert.Equal(StepPhase.Done, last.Phase);
        Assert.Equal(ActionFailureKind.PageTooLarge, last.Outcome?.Failure);
        Assert.Equal(reason, last.Note);
        Assert.Null(last.ObservationRef);
        Assert.Contains("/supplier/", last.UrlBefore, StringComparison.Ordinal);
    }
}
