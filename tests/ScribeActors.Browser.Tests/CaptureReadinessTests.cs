using ScribeActors.Browser.Tests.Infrastructure;

namespace ScribeActors.Browser.Tests;

/// <summary>The capture's description of the usual action targets, which lets the first action after a capture skip
/// probing its target: it must say "ready" only where the probe would.</summary>
[Collection(ActionCollection.Name)]
public sealed class CaptureReadinessTests(BrowserFixture fixture)
{
    // 'A' + visible (1) + disabled (2) + fillable (4) + read-only (8); '.' = not described, the probe decides.
    [Theory]
    [InlineData("plain", 'B')]
    [InlineData("gone", 'A')]
    [InlineData("unseen", 'A')]
    [InlineData("off", 'D')]
    [InlineData("aria-off", 'D')]
    [InlineData("text", 'F')]
    [InlineData("fixed", 'N')]
    [InlineData("locked", 'H')]
    [InlineData("box", 'B')]
    [InlineData("area", 'F')]
    [InlineData("editable", 'F')]
    [InlineData("link", 'B')]
    [InlineData("role-button", 'B')]
    [InlineData("handler", 'B')]
    [InlineData("zero", 'A')]
    [InlineData("pick", '.')]
    [InlineData("first", '.')]
    [InlineData("prose", '.')]
    public async Task Observe_Element_IsDescribedAsTheProbeWouldDescribeIt(string elementId, char expected)
    {
        await using var session = await fixture.OpenAsync("targets.html");

        var observation = await session.ObserveAsync();

        var readiness = ((PlaywrightBrowserSession)((ThrottledBrowserSession)session).Inner).CapturedReadiness;
        Assert.Equal(observation.NodeCount, readiness.Length);
        Assert.Equal(expected, readiness[Dom.NodeOf(observation, elementId)]);
    }
}
