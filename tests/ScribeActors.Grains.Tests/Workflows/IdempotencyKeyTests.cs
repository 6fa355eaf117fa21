using ScribeActors.Abstractions;
using ScribeActors.Grains.Tests.Fakes;

namespace ScribeActors.Grains.Tests.Workflows;

/// <summary>
/// To a host that honours <c>Idempotency-Key</c> (configured), a submit whose browser died after the POST was recorded
/// as leaving is sent again under the same key: the server acts on it exactly once, whether the first POST was lost on
/// the way or arrived. Without the key such a step can only be taken as done, unverified (see InterruptedStepTests).
/// </summary>
[Trait("Suite", "Cluster")]
public sealed class IdempotencyKeyTests : IAsyncLifetime
{
    private FakeCluster _h = null!;

    public async Task InitializeAsync() =>
        _h = await FakeCluster.StartAsync(null, new Dictionary<string, string?> { ["Scribe:Browser:IdempotencyKeyHosts:0"] = "fake.test" });

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Run_BrowserDiesWithAKeyedSubmitInFlight_TheServerActsOnItExactlyOnce(bool postArrived)
    {
        var h = _h;
        h.Web.Reset();
        h.Web.HonoursIdempotencyKeys = true;
        h.Web.FormForgetsSubmissions = true; // the rebuilt form is empty either way: the page cannot tell
        if (postArrived)
        {
            h.Web.BrowserDiesDuringSubmit = true;
        }
        else
        {
            h.Web.SubmitLostInFlight = true;
        }

        var started = await h.Client.StartAsync(FakeWeb.Spec(maxSteps: 10));
        var final = await h.WaitAsync(started.Id);

        Assert.Equal(WorkflowStatus.Succeeded, final.Status);
        Assert.Equal(["42"], h.Web.Submissions);
        var key = $"{started.Id}/2"; // the first submit click's step, whose key the second one carries
        Assert.Equal(postArrived ? [key, key] : [key], h.Web.ReceivedKeys);
        var interrupted = final.Steps.Single(s => s.Note?.Contains("Idempotency-Key", StringComparison.Ordinal) == true);
        Assert.Contains($"under Idempotency-Key {key}", interrupted.Note);
        Assert.False(interrupted.OutcomeUncertain);
        Assert.Equal(FakeWeb.Origin + "/done", final.Steps[^1].UrlBefore);
    }

    [Fact]
    public async Task Run_KeyedSubmitArrivedAndTheFreshPageMovedOn_IsNotSentAgain()
    {
        // The form page, loaded afresh, redirects to the result (post-redirect-get on server state): the target is
        // gone, so the request took effect and nothing is sent again, not even under its key.
        var h = _h;
        h.Web.Reset();
        h.Web.HonoursIdempotencyKeys = true;
        h.Web.BrowserDiesDuringSubmit = true;
        var started = await h.Client.StartAsync(FakeWeb.Spec(maxSteps: 10));
        var final = await h.WaitAsync(started.Id);

        Assert.Equal(WorkflowStatus.Succeeded, final.Status);
        Assert.Equal(["42"], h.Web.Submissions);
        Assert.Equal([$"{started.Id}/2"], h.Web.ReceivedKeys);
        Assert.Contains(final.Steps, s => s.Note?.Contains("no longer offers its target", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Run_BrowserDiesDuringALinkClick_TheClickIsTakenAgainUnderTheKeyItsGetCarried()
    {
        // A link's GET may be a download the server counted before the browser could report it: nothing was reported,
        // so the click is taken again, under the key the first GET carried, which such a server counts once.
        var h = _h;
        h.Web.Reset();
        h.Web.HonoursIdempotencyKeys = true;
        h.Web.BrowserDiesDuringOpen = true;
        var started = await h.Client.StartAsync(FakeWeb.Spec(maxSteps: 10));
        var final = await h.WaitAsync(started.Id);

        Assert.Equal(WorkflowStatus.Succeeded, final.Status);
        var key = $"{started.Id}/0"; // the first "Open form" click's step
        Assert.Equal([key, key], h.Web.ReceivedOpenKeys);
        Assert.Contains(final.Steps, s => s.Note?.Contains($"under Idempotency-Key {key}, which a download it may have started carried", StringComparison.Ordinal) == true);
        Assert.Equal(["42"], h.Web.Submissions);
    }

    [Fact]
    public async Task Run_KeyedSubmitWithoutFaults_SendsTheStepsOwnKeyOnce()
    {
        var h = _h;
        h.Web.Reset();
        h.Web.HonoursIdempotencyKeys = true;
        var started = await h.Client.StartAsync(FakeWeb.Spec());
        var final = await h.WaitAsync(started.Id);

        Assert.Equal(WorkflowStatus.Succeeded, final.Status);
        Assert.Equal([$"{started.Id}/2"], h.Web.ReceivedKeys);
        Assert.Equal(["42"], h.Web.Submissions);
    }
}
