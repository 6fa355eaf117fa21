using System.Collections.Concurrent;
using ScribeActors.Abstractions;
using ScribeActors.Browser;

namespace ScribeActors.Grains.Tests.Fakes;

/// <summary>
/// A scripted three-page web (start → form → done) standing in for Chromium, for tests of the grains' orchestration.
/// The server side records submissions; GET /form after a submission redirects to /done (post-redirect-get, as the
/// demo sites do). Real browsers are tested in ScribeActors.Browser.Tests and the integration tests.
/// </summary>
public sealed class FakeWeb : IBrowserHost
{
    public const string Origin = "http://fake.test";

    public ConcurrentQueue<string> Submissions { get; } = new();

    public ConcurrentBag<FakeSession> Sessions { get; } = [];

    /// <summary>Runs inside a submit click, before the submission is recorded (return false to drop it).</summary>
    public Func<CancellationToken, Task<bool>>? BeforeSubmit { get; set; }

    /// <summary>Runs inside a submit click, after the submission is recorded.</summary>
    public Func<CancellationToken, Task>? AfterSubmit { get; set; }

    /// <summary>Runs when a session is opened, before it exists.</summary>
    public Func<CancellationToken, Task>? BeforeOpen { get; set; }

    /// <summary>Runs inside a type action, before the text is typed.</summary>
    public Func<CancellationToken, Task>? BeforeType { get; set; }

    /// <summary>The submit navigates but reports a load timeout (a slow page).</summary>
    public bool SubmitLoadTimesOut { get; set; }

    /// <summary>Makes every click fail with this failure.</summary>
    public ActionFailureKind? ClickFailure { get; set; }

    /// <summary>The browser dies during the next submit click: before its POST left (false) or after the server got it
    /// (true); <see langword="null"/> for no crash. Reset after the crash.</summary>
    public bool? BrowserDiesDuringSubmit { get; set; }

    /// <summary>The browser dies right after the next submit click succeeded, before the session could checkpoint the
    /// page it left (the click's result does not stand). Reset after the crash.</summary>
    public bool BrowserDiesAfterSubmit { get; set; }

    /// <summary>The browser dies right after the next "Open form" click (a link, so a GET navigation): the session
    /// recorded the click's result, but the checkpoint it wrote still held the start page, as a kill -9 of Chromium can
    /// leave it. Reset after the crash.</summary>
    public bool CheckpointLagsAfterOpen { get; set; }

    /// <summary>The browser stops answering during the next submit click (the call never returns, whatever its
    /// cancellation token says): before its POST left (false) or after the server got it (true); <see langword="null"/>
    /// for no hang. Reset when it hangs.</summary>
    public bool? BrowserHangsDuringSubmit { get; set; }

    /// <summary>GET /form shows an empty form even after a submission (a form that creates a new record each time, like
    /// the expenses app's first report page), so a reloaded page cannot tell whether the submit happened.</summary>
    public bool FormForgetsSubmissions { get; set; }

    /// <summary>The browser dies during the next submit click after the session recorded its POST as leaving and before
    /// the server got it (the POST is lost on the way). Reset after the crash.</summary>
    public bool SubmitLostInFlight { get; set; }

    /// <summary>The browser dies during the next "Open form" click, after the server got its GET and before the click
    /// returned (nothing was reported: a link's GET is not). Reset after the crash.</summary>
    public bool BrowserDiesDuringOpen { get; set; }

    /// <summary>The <c>Idempotency-Key</c> of every "Open form" GET that reached the server (<see langword="null"/> for
    /// none), in order: a link's GET carries the action's key, as it may be a download.</summary>
    public ConcurrentQueue<string?> ReceivedOpenKeys { get; } = new();

    /// <summary>The server honours <c>Idempotency-Key</c>: a submission under a key it has seen is not recorded again.</summary>
    public bool HonoursIdempotencyKeys { get; set; }

    /// <summary>The <c>Idempotency-Key</c> of every submit POST that reached the server (<see langword="null"/> for none), in order.</summary>
    public ConcurrentQueue<string?> ReceivedKeys { get; } = new();

    /// <summary>When set, the /done page also shows a status line with this text (asked at each observation of it).</summary>
    public Func<string>? DoneStatus { get; set; }

    /// <summary>Answers server checks (success criteria); default: nothing answers.</summary>
    public Func<ServerCheckRequest, ServerCheckResult>? Check { get; set; }

    /// <summary>Every server check asked for, in order.</summary>
    public ConcurrentQueue<ServerCheckRequest> Checks { get; } = new();

    public int SessionsOpened => Sessions.Count;

    /// <summary>The server's side of a submit POST: recorded, unless it honours keys and has seen this one.</summary>
    internal void Receive(string typed, string? idempotencyKey)
    {
        ReceivedKeys.Enqueue(idempotencyKey);
        if (HonoursIdempotencyKeys && idempotencyKey is not null && ReceivedKeys.Count(k => k == idempotencyKey) > 1)
        {
            return;
        }

        Submissions.Enqueue(typed);
    }

    /// <summary>Back to the web a freshly started cluster sees: no hooks or scripted failures, no submissions, sessions or
    /// checks recorded. For a cluster shared by the tests of a class (see <see cref="SharedCluster"/>), called before each
    /// test once nothing of the tests before it runs any more.</summary>
    public void Reset()
    {
        BeforeSubmit = null;
        AfterSubmit = null;
        BeforeType = null;
        BeforeOpen = null;
        SubmitLoadTimesOut = false;
        ClickFailure = null;
        BrowserDiesDuringSubmit = null;
        BrowserDiesAfterSubmit = false;
        BrowserHangsDuringSubmit = null;
        CheckpointLagsAfterOpen = false;
        FormForgetsSubmissions = false;
        SubmitLostInFlight = false;
        HonoursIdempotencyKeys = false;
        BrowserDiesDuringOpen = false;
        ReceivedKeys.Clear();
        ReceivedOpenKeys.Clear();
        DoneStatus = null;
        Check = null;
        Submissions.Clear();
        Sessions.Clear();
        Checks.Clear();
    }

    public async Task<IBrowserSession> OpenSessionAsync(BrowserSessionOptions options, CancellationToken cancellationToken = default)
    {
        if (BeforeOpen is { } beforeOpen)
        {
            await beforeOpen(cancellationToken);
        }

        var session = new FakeSession(this, options.AllowedHosts, options.BeforeRequestSent, options.IdempotencyKey);
        Sessions.Add(session);
        if (options.Url is not null)
        {
            session.Navigate(options.Url);
        }

        return session;
    }

    public Task<BrowserStats> GetStatsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new BrowserStats(true, Sessions.Count(s => !s.Disposed), null, null, null, Sessions.Count, 0, 0));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public static RecordedWorkflow Recording(string amount = "42") => new()
    {
        Objective = "Submit the amount",
        StartUrl = Origin + "/start",
        Steps =
        [
            new RecordedStep { Index = 1, Description = "Click \"Open form\"", Action = StepActions.Click, Signature = new TargetSignature { Tag = "a", Text = "Open form", Attributes = new() { ["href"] = "/form" } } },
            new RecordedStep { Index = 2, Description = $"Type \"{amount}\"", Action = StepActions.Type, Value = amount, Signature = new TargetSignature { Tag = "input", Label = "Amount", Attributes = new() { ["name"] = "amount", ["id"] = "amount" } } },
            new RecordedStep { Index = 3, Description = "Click \"Submit\"", Action = StepActions.Click, Signature = new TargetSignature { Tag = "button", Text = "Submit", Attributes = new() { ["type"] = "submit" } } },
            new RecordedStep { Index = 4, Description = "Done", Action = StepActions.Finish },
        ],
    };

    public static WorkflowSpec Spec(int maxSteps = 30, string amount = "42") => new()
    {
        Objective = "Submit the amount",
        StartUrl = Origin + "/start",
        MaxSteps = maxSteps,
        StepSource = StepSourceSpec.ForReplay(Recording(amount)),
    };
}
