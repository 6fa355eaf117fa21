using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ScribeActors.Abstractions;
using ScribeActors.Agent;
using ScribeActors.Agent.Recording;
using ScribeActors.Agent.Replay;
using ScribeActors.Browser;
using ScribeActors.Browser.Recording;
using ScribeActors.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace ScribeActors.IntegrationTests.Agent;

/// <summary>
/// Icon-only targets (an svg/use icon, an icon-font class, an img with alt, a span known only by its class, an input
/// known only by its class) recorded in real Chromium through the production recorder (capture → signature, the path
/// `scribe record` uses) are found again by replay after a reload and on a reshuffled redeploy of the page (new
/// generated classes and ids, rows and columns reordered, a new row, icons in another order). The page logs every
/// click with its action and row, so the test reads what the browser really acted on.
/// </summary>
[Trait("Suite", "Integration"), Trait("Needs", "Chromium")]
public sealed class IconTargetReplayTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Recipient = "ap@acme.test";

    private static readonly ScriptedStep[] Script =
    [
        new() { Description = $"Type \"{Recipient}\"", Action = StepActions.Type, Selector = "input.recipient", Value = Recipient },
        new() { Description = "Click the trash icon of INV-102", Action = StepActions.Click, Selector = "tr[data-row=\"INV-102\"] button:has(i.fa-trash)" },
        new() { Description = "Click the download icon of INV-103", Action = StepActions.Click, Selector = "tr[data-row=\"INV-103\"] button:has(img)" },
        new() { Description = "Click the star of INV-101", Action = StepActions.Click, Selector = "tr[data-row=\"INV-101\"] span.star" },
        new() { Description = "Click the edit icon of INV-102", Action = StepActions.Click, Selector = "tr[data-row=\"INV-102\"] button:has(use)" },
        new() { Description = "Done", Action = StepActions.Finish, Value = "done" },
    ];

    private static readonly string[] ExpectedClicks = ["delete INV-102", "download INV-103", "star INV-101", "edit INV-102"];

    private StaticSite _site = null!;
    private PlaywrightBrowserHost _browsers = null!;

    public async Task InitializeAsync()
    {
        Requirements.Chromium();
        _site = await StaticSite.StartAsync("icons");
        _browsers = new PlaywrightBrowserHost(Options.Create(new BrowserOptions()), NullLogger<PlaywrightBrowserHost>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _browsers.DisposeAsync();
        await _site.DisposeAsync();
    }

    [Fact]
    public async Task Record_IconOnlyTargetsInChromium_SignaturesCarryClassesIconsAndRowPlace()
    {
        var steps = (await RecordAsync()).Steps;

        Assert.Equal(["recipient"], steps[0].Signature!.Classes!);
        var trash = steps[1].Signature!;
        Assert.Equal(["icon-btn"], trash.Classes!); // css-1x2y3z is a generated class: left out
        Assert.Equal(["trash"], trash.Icons!);
        Assert.Equal((3, 1), (trash.Cell, trash.RowIndex));
        Assert.Equal("INV-102 Bolt Ltd 87.50", trash.Context);
        Assert.Contains("download", steps[2].Signature!.Icons!);
        Assert.Equal(["star"], steps[3].Signature!.Classes!);
        Assert.Equal((4, 0), (steps[3].Signature!.Cell, steps[3].Signature!.RowIndex));
        Assert.Equal(["edit"], steps[4].Signature!.Icons!);
    }

    [Theory]
    [InlineData("invoices.html")]
    [InlineData("invoices-reshuffled.html")]
    public async Task Replay_IconOnlyTargetsRecordedInChromium_ActsOnTheRecordedElements(string page)
    {
        var recording = await RecordAsync();

        await using var session = await _browsers.OpenSessionAsync(new BrowserSessionOptions { AllowedHosts = [_site.Host], Url = _site.Url(page) });
        for (var cursor = 0; ; cursor++)
        {
            var dom = DomIndex.Parse((await session.ObserveAsync()).Dom);
            var decision = ReplayPlanner.Next(recording, cursor, dom);
            if (recording.Steps.Length > cursor && recording.Steps[cursor].Signature is { } signature)
            {
                output.WriteLine($"{page} step {cursor + 1}: {TargetLocator.Locate(dom, signature).Reason}");
            }

            if (decision.Kind == ReplayDecisionKind.Finish)
            {
                break;
            }

            Assert.True(decision.Kind == ReplayDecisionKind.Act, $"{page}: {decision.Error}");
            var result = await session.ExecuteAsync(decision.Action!);
            Assert.True(result.Succeeded, $"{page} step {cursor + 1}: {result.Failure}: {result.Message}");
        }

        var final = DomIndex.Parse((await session.ObserveAsync()).Dom);
        Assert.Equal(ExpectedClicks, ClickLog(final));
        Assert.Equal(Recipient, Single(final, e => e.ClassList.Contains("recipient")).GetAttribute("value"));
        Assert.All(Elements(final).Where(e => e.LocalName == "input" && !e.ClassList.Contains("recipient")), e => Assert.True(string.IsNullOrEmpty(e.GetAttribute("value")), e.OuterHtml));
    }

    /// <summary>Records <see cref="Script"/> on the original page, checks the recording run clicked what the script
    /// names, and returns the recording as a replay file would load it.</summary>
    private async Task<RecordedWorkflow> RecordAsync()
    {
        var recording = await _browsers.RecordAsync("Handle the invoices", _site.Url("invoices.html"), Script, [_site.Host]);
        Assert.Equal(Script.Length, recording.Steps.Length);
        return RecordedWorkflowFile.Parse(RecordedWorkflowFile.Serialize(recording), "icons");
    }

    private static string[] ClickLog(DomIndex dom) =>
        Single(dom, e => e.Id == "log").TextContent.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static IEnumerable<AngleSharp.Dom.IElement> Elements(DomIndex dom) => dom.NodeIds.Select(n => dom.Find(n)!);

    private static AngleSharp.Dom.IElement Single(DomIndex dom, Func<AngleSharp.Dom.IElement, bool> pick)
    {
        var found = Elements(dom).Where(pick).ToList();
        Assert.True(found.Count == 1, $"expected one matching element, found {found.Count}");
        return found[0];
    }
}
