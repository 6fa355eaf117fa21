using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using ScribeActors.Abstractions;
using ScribeActors.Browser;
using ScribeActors.Browser.Recording;
using ScribeActors.IntegrationTests.Infrastructure;

namespace ScribeActors.IntegrationTests.Viewer;

/// <summary>
/// What the viewer tests share: one silo with an API key and screenshots on, a static site whose page holds a script
/// and an event handler, its 12-step replay (11 clicks and a finish) recorded once and run to the end once, and one
/// real Chromium driven by Playwright for the pages. Chromium and Azurite are real dependencies: without them every test
/// fails saying how to provide them.
/// </summary>
public sealed class ViewerFixture : IAsyncLifetime
{
    public const string Key = "viewer-test-key-0123456789abcdef";

    /// <summary>An objective with markup in it: the viewer must show it as text.</summary>
    public const string Objective = "Press the eleven step buttons <img src=x onerror=\"console.log('OBJECTIVE-MARKUP-RAN')\">";

    private static readonly ScriptedStep[] Script =
    [
        .. Enumerable.Range(1, 11).Select(i => new ScriptedStep { Description = $"Click \"Step {i}\"", Action = StepActions.Click, Selector = $"#b{i}" }),
        new() { Description = "All eleven are done", Action = StepActions.Finish, Value = "done" },
    ];

    private TcpListener? _blackHole;
    private IPlaywright? _playwright;

    public TestSilo Silo { get; private set; } = null!;

    public StaticSite Site { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public RecordedWorkflow Recording { get; private set; } = null!;

    /// <summary>A replay run of the 12 steps that succeeded before any test ran.</summary>
    public WorkflowSnapshot FinishedRun { get; private set; } = null!;

    /// <summary>Where the page screenshots go: TestResults/viewer under the test output folder.</summary>
    public static string ArtefactFolder => Path.Combine(AppContext.BaseDirectory, "TestResults", "viewer");

    public async Task InitializeAsync()
    {
        Requirements.Chromium();
        await Requirements.AzuriteAsync();
        _blackHole = new TcpListener(IPAddress.Loopback, 0);
        _blackHole.Start();
        Site = await StaticSite.StartAsync("viewer");
        Silo = await TestSilo.StartAsync(extra: new Dictionary<string, string?>
        {
            ["Scribe:Auth:ApiKeys"] = Key,
            ["Scribe:Workflow:CaptureScreenshots"] = "true",
        });
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = new BrowserOptions().ExecutablePath, Headless = true, Timeout = 60_000 });
        Recording = await Silo.Service<IBrowserHost>().RecordAsync(Objective, Site.Url("steps.html"), Script, [Site.Host], "viewer-tests");
        FinishedRun = await RunToEndAsync();
        Assert.True(FinishedRun.Status == WorkflowStatus.Succeeded, $"the fixture's run ended {FinishedRun.Status}: {FinishedRun.FailureReason}");
        Assert.Equal(12, FinishedRun.Steps.Length);
        Directory.CreateDirectory(ArtefactFolder);
    }

    /// <summary>The replay's spec.</summary>
    public WorkflowSpec Spec() => new()
    {
        Objective = Objective,
        StartUrl = Site.Url("steps.html"),
        AllowedHosts = [Site.Host],
        MaxSteps = 20,
        StepSource = StepSourceSpec.ForReplay(Recording),
    };

    /// <summary>A spec whose start page never answers: its run stays Running on the first navigation.</summary>
    public WorkflowSpec StuckSpec()
    {
        var port = ((IPEndPoint)_blackHole!.LocalEndpoint).Port;
        return Spec() with { Objective = "Wait on a page that never answers", StartUrl = $"http://127.0.0.1:{port}/", AllowedHosts = [$"127.0.0.1:{port}"] };
    }

    public async Task<WorkflowSnapshot> RunToEndAsync()
    {
        var started = await Silo.Client.StartAsync(Spec());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return await Silo.Client.WaitForCompletionAsync(started.Id, timeout.Token);
    }

    /// <summary>A page in a fresh context that logs in with the API key as the HTTP Basic password, as a person's
    /// browser does after the login prompt; <paramref name="console"/> collects what every frame logs. With
    /// <paramref name="preemptive"/> the Authorization header goes with every request from the start (as a browser sends
    /// it once logged in) instead of Playwright answering each challenge by intercepting the request.</summary>
    public async Task<IPage> NewPageAsync(List<string>? console = null, bool loggedIn = true, bool preemptive = false)
    {
        var basic = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("operator:" + Key));
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            HttpCredentials = loggedIn && !preemptive ? new HttpCredentials { Username = "operator", Password = Key } : null,
            ExtraHTTPHeaders = loggedIn && preemptive ? new Dictionary<string, string> { ["Authorization"] = basic } : null,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        if (console is not null)
        {
            page.Console += (_, message) => { lock (console) { console.Add(message.Text); } };
        }

        return page;
    }

    public string Url(string path) => new Uri(Silo.WebUrl, path).ToString();

    /// <summary>Keeps a full-page screenshot of <paramref name="page"/> as a test artefact.</summary>
    public static async Task SaveAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtefactFolder, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }

        if (Site is not null)
        {
            await Site.DisposeAsync();
        }

        _blackHole?.Stop();
    }
}

/// <summary>The viewer tests share one silo, site and Chromium, and run one after another (the machine is small).</summary>
[CollectionDefinition(Name)]
public sealed class ViewerCollection : ICollectionFixture<ViewerFixture>
{
    public const string Name = "Run viewer";
}
