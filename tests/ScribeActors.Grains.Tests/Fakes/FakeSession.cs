using System.Diagnostics;
using ScribeActors.Abstractions;
using ScribeActors.Browser;

namespace ScribeActors.Grains.Tests.Fakes;

/// <summary>One fake browser context of <see cref="FakeWeb"/>.</summary>
public sealed class FakeSession(FakeWeb web, IReadOnlyList<string> allowedHosts, Func<SentRequest, Task>? beforeSent = null, Func<SentRequest, string?>? idempotencyKey = null) : IBrowserSession
{
    private bool _crashed;
    private string? _laggingCheckpointUrl;

    private string _typed = "";
    private long _observations;

    public string Url { get; private set; } = "about:blank";

    public bool Disposed { get; private set; }

    /// <summary>How many times the page was captured.</summary>
    public int Observations => (int)Interlocked.Read(ref _observations);

    public Task<Observation> ObserveAsync(bool includeScreenshot = false, CancellationToken cancellationToken = default)
    {
        if (_crashed)
        {
            throw new BrowserUnavailableException("the fake browser crashed");
        }

        var dom = Path switch
        {
            "/start" => "<html node=\"3\"><body node=\"2\"><a href=\"/form\" node=\"1\">Open form</a><p node=\"0\">Welcome</p></body></html>",
            "/form" => $"<html node=\"4\"><body node=\"3\"><label for=\"amount\" node=\"2\">Amount</label><input id=\"amount\" name=\"amount\" value=\"{_typed}\" node=\"1\"><button type=\"submit\" node=\"0\">Submit</button></body></html>",
            "/done" when web.DoneStatus is { } status => $"<html node=\"3\"><body node=\"2\"><p node=\"1\">Submitted {string.Join(",", web.Submissions)}</p><p class=\"status\" node=\"0\">{status()}</p></body></html>",
            "/done" => $"<html node=\"2\"><body node=\"1\"><p node=\"0\">Submitted {string.Join(",", web.Submissions)}</p></body></html>",
            _ => "<html node=\"1\"><body node=\"0\"></body></html>",
        };
        _actedSinceObservation = false;
        lock (LateScreenshots)
        {
            ScreenshotsAsked.Add(includeScreenshot);
        }

        var id = Interlocked.Increment(ref _observations);
        return Task.FromResult(new Observation
        {
            ObservationId = id, Url = Url, Title = Path, Dom = dom, NodeCount = dom.Split("node=").Length - 1, CapturedAt = DateTimeOffset.UtcNow,
            Screenshot = includeScreenshot ? [0x89, (byte)'P', (byte)'N', (byte)'G', (byte)id] : null,
        });
    }

    /// <summary>The observation ids a screenshot was asked for after the observation, in order, with whether an action
    /// ran between the observation and the ask (it must not).</summary>
    public List<(long ObservationId, bool AfterAnAction)> LateScreenshots { get; } = [];

    /// <summary>Whether each observation was asked with its screenshot, in order.</summary>
    public List<bool> ScreenshotsAsked { get; } = [];

    public Task<byte[]?> ScreenshotAsync(long observationId, CancellationToken cancellationToken = default)
    {
        lock (LateScreenshots)
        {
            LateScreenshots.Add((observationId, _actedSinceObservation));
        }

        return Task.FromResult<byte[]?>(observationId == Interlocked.Read(ref _observations) && !_actedSinceObservation
            ? [0x89, (byte)'P', (byte)'N', (byte)'G', (byte)observationId]
            : null);
    }

    private volatile bool _actedSinceObservation;

    public async Task<ActionResult> ExecuteAsync(BrowserAction action, CancellationToken cancellationToken = default)
    {
        _actedSinceObservation = true;
        switch (action.Kind, Path, action.NodeId)
        {
            case (BrowserActionKind.Goto, _, _):
                if (!HostPattern.IsAllowed(new Uri(action.Url!), allowedHosts))
                {
                    return ActionResult.Fail(ActionFailureKind.HostNotAllowed, $"Host of {action.Url} is not allowed.", Url);
                }

                if (!action.Url!.StartsWith(FakeWeb.Origin, StringComparison.Ordinal))
                {
                    return ActionResult.Fail(ActionFailureKind.NavigationError, $"net::ERR_CONNECTION_REFUSED at {action.Url}", Url);
                }

                Navigate(action.Url);
                return ActionResult.Success(Url, TimeSpan.FromMilliseconds(1));
            case (BrowserActionKind.Click, _, _) when web.ClickFailure is { } failure:
                return ActionResult.Fail(failure, "scripted failure", Url);
            case (BrowserActionKind.Click, "/start", 1):
                if (web.CheckpointLagsAfterOpen)
                {
                    web.CheckpointLagsAfterOpen = false;
                    _laggingCheckpointUrl = Url;
                }

                web.ReceivedOpenKeys.Enqueue(idempotencyKey?.Invoke(new SentRequest("GET", FakeWeb.Origin + "/form")));
                if (web.BrowserDiesDuringOpen)
                {
                    web.BrowserDiesDuringOpen = false;
                    return Crash();
                }

                Navigate(FakeWeb.Origin + "/form");
                return ActionResult.Success(Url, TimeSpan.FromMilliseconds(1));
            case (BrowserActionKind.Type, "/form", 1):
                if (web.BeforeType is { } beforeType)
                {
                    await beforeType(cancellationToken);
                }

                _typed = action.Text ?? "";
                return ActionResult.Success(Url, TimeSpan.FromMilliseconds(1));
            case (BrowserActionKind.Click, "/form", 0):
                if (web.BeforeSubmit is { } before && !await before(cancellationToken))
                {
                    return ActionResult.Fail(ActionFailureKind.Timeout, "dropped", Url);
                }

                if (web.BrowserDiesDuringSubmit is false)
                {
                    return Crash();
                }

                if (web.BrowserHangsDuringSubmit is false)
                {
                    return await Hang();
                }

                var post = new SentRequest("POST", FakeWeb.Origin + "/form");
                post = post with { IdempotencyKey = idempotencyKey?.Invoke(post) };
                if (beforeSent is not null)
                {
                    await beforeSent(post);
                }

                if (web.SubmitLostInFlight)
                {
                    web.SubmitLostInFlight = false;
                    return Crash();
                }

                web.Receive(_typed, post.IdempotencyKey);
                if (web.BrowserDiesDuringSubmit is true)
                {
                    return Crash();
                }

                if (web.BrowserHangsDuringSubmit is true)
                {
                    return await Hang();
                }

                if (beforeSent is not null)
                {
                    await beforeSent(new SentRequest("GET", FakeWeb.Origin + "/done") { Landing = true }); // the redirect's GET
                }

                if (web.AfterSubmit is { } after)
                {
                    await after(cancellationToken);
                }

                Navigate(FakeWeb.Origin + "/done");
                if (web.BrowserDiesAfterSubmit)
                {
                    web.BrowserDiesAfterSubmit = false;
                    _crashed = true; // the click returns its result; the checkpoint and the next capture find the browser gone
                }

                return web.SubmitLoadTimesOut
                    ? ActionResult.Fail(ActionFailureKind.Timeout, "The page did not finish loading within 30 s after the action.", Url)
                    : ActionResult.Success(Url, TimeSpan.FromMilliseconds(1));
            default:
                return ActionResult.Fail(ActionFailureKind.UnknownNode, $"node {action.NodeId} is not on {Path}", Url);
        }
    }

    /// <summary>How many times an action was prepared (its target looked at before the intent was durable).</summary>
    public int Prepared { get; private set; }

    public Task PrepareAsync(BrowserAction action, CancellationToken cancellationToken = default)
    {
        Prepared++;
        return Task.CompletedTask;
    }

    public Task<int?> ResolveNodeAsync(string selector, CancellationToken cancellationToken = default) => Task.FromResult<int?>(null);

    public Task<ServerCheckResult> CheckAsync(ServerCheckRequest request, CancellationToken cancellationToken = default)
    {
        web.Checks.Enqueue(request);
        if (!HostPattern.IsAllowed(new Uri(request.Url), allowedHosts))
        {
            return Task.FromResult(ServerCheckResult.Failed(request.Url, "not fetched: host not allowed"));
        }

        return Task.FromResult(web.Check?.Invoke(request) ?? ServerCheckResult.Failed(request.Url, "unreachable: connect ECONNREFUSED"));
    }

    public Task<BrowserCheckpoint> CheckpointAsync(CancellationToken cancellationToken = default)
    {
        if (_crashed)
        {
            throw new BrowserUnavailableException("the fake browser crashed");
        }

        if (_laggingCheckpointUrl is { } lagging)
        {
            _laggingCheckpointUrl = null;
            _crashed = true; // the checkpoint holds the page before the click; the browser dies right after it
            return Task.FromResult(new BrowserCheckpoint(lagging, "{}"));
        }

        return Task.FromResult(new BrowserCheckpoint(Url, "{}"));
    }

    private ActionResult Crash()
    {
        web.BrowserDiesDuringSubmit = null;
        _crashed = true;
        return ActionResult.Fail(ActionFailureKind.BrowserUnavailable, "The browser session has gone away: Target crashed");
    }

    private async Task<ActionResult> Hang()
    {
        web.BrowserHangsDuringSubmit = null;
        _crashed = true;
        await new TaskCompletionSource().Task; // never completes: a browser that stopped answering ignores cancellation
        throw new UnreachableException();
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }

    internal void Navigate(string url)
    {
        // Post-redirect-get: the form of an already submitted workflow shows the confirmation.
        Url = url.EndsWith("/form", StringComparison.Ordinal) && !web.Submissions.IsEmpty && !web.FormForgetsSubmissions ? FakeWeb.Origin + "/done" : url;
        _typed = "";
    }

    private string Path => Url.StartsWith(FakeWeb.Origin, StringComparison.Ordinal) ? Url[FakeWeb.Origin.Length..] : Url;
}
