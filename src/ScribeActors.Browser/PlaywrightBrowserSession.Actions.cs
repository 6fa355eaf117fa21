using System.Text.Json;
using Microsoft.Playwright;
using ScribeActors.Abstractions;

namespace ScribeActors.Browser;

/// <summary>Actions: validation, the step from a node id to its input, page-level keys and scrolls, the result.</summary>
internal sealed partial class PlaywrightBrowserSession
{
    public async Task<ActionResult> ExecuteAsync(BrowserAction action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();

        // A click or key press may send something to a server: the guard holds the first such request back until its
        // owner recorded that it is leaving (see BrowserSessionOptions.BeforeRequestSent).
        var armed = !action.IsIdempotent && _guard.CanReport;
        if (armed)
        {
            try
            {
                await _guard.ArmAsync();
            }
            catch (PlaywrightException ex) when (PlaywrightErrors.IsClosed(ex))
            {
                return ActionResult.Fail(ActionFailureKind.BrowserUnavailable, $"The browser session has gone away: {PlaywrightErrors.FirstLine(ex.Message)}");
            }
        }

        try
        {
            _guard.TakeHeldBack();
            _guard.TakeStillInProgress();
            var result = await PerformAndSettleAsync(action, cancellationToken);
            if (_guard.TakeHeldBack() is { } held)
            {
                return ActionResult.Fail(ActionFailureKind.NavigationError,
                    $"'{action}' sent {held}, which was held back because recording that it was leaving failed; nothing reached the server.", _page.Url, result.Duration);
            }

            return _guard.TakeStillInProgress() is { } busy
                ? ActionResult.Fail(ActionFailureKind.NavigationError,
                    $"'{action}' sent {busy}; the server may still act on the first one, so the action is not taken as done.", _secrets.Mask(_page.Url), result.Duration)
                : result;
        }
        finally
        {
            if (armed)
            {
                await DisarmQuietlyAsync();
            }
        }
    }

    private async Task DisarmQuietlyAsync()
    {
        try
        {
            await _guard.DisarmAsync();
        }
        catch (PlaywrightException ex)
        {
            LogCloseFailed(_logger, ex); // the page went away; nothing is armed on a closed page
        }
    }

    private async Task<ActionResult> PerformAndSettleAsync(BrowserAction action, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        _screenshotMayFollow = 0; // from here on, a screenshot may show what the action did
        _documentsBeforeAction = _guard.DocumentRequests;
        _commitsBeforeAction = Volatile.Read(ref _pageCommits);
        _downloadStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Validate(action) is { } invalid)
        {
            return Done(started, invalid);
        }

        _guard.TakeBlocked();
        var captured = _captured;
        _captured = ("", 0); // whatever this action does, the capture no longer describes the page
        try
        {
            var failure = action.Kind switch
            {
                BrowserActionKind.Goto => await GotoAsync(action.Url!),
                BrowserActionKind.Back => await BackAsync(),
                BrowserActionKind.Key when action.NodeId is null => await PressOnPageAsync(action.Text!),
                BrowserActionKind.Scroll when action.NodeId is null => await ScrollPageAsync(action.Text),
                _ => await ActOnNodeAsync(action, action.NodeId!.Value, captured),
            };
            if (failure is not null)
            {
                return Done(started, failure.Value);
            }

            cancellationToken.ThrowIfCancellationRequested();
            return Done(started, await SettleAsync());
        }
        catch (TimeoutException ex)
        {
            return Done(started, new Failure(ActionFailureKind.Timeout, $"'{action}' did not finish in time: {PlaywrightErrors.FirstLine(ex.Message)}"));
        }
        catch (PlaywrightException ex) when (PlaywrightErrors.IsClosed(ex))
        {
            return Done(started, new Failure(ActionFailureKind.BrowserUnavailable, $"The browser session has gone away: {PlaywrightErrors.FirstLine(ex.Message)}"));
        }
        catch (PlaywrightException ex)
        {
            return Done(started, Classify(action, ex));
        }
    }

    private static Failure? Validate(BrowserAction action)
    {
        var needsNode = action.Kind is BrowserActionKind.Click or BrowserActionKind.Type or BrowserActionKind.Select;
        if (needsNode && action.NodeId is null)
        {
            return new Failure(ActionFailureKind.InvalidAction, $"A {action.Kind} action needs a node id.");
        }

        if (SecretProblem(action) is { } secretProblem)
        {
            return new Failure(ActionFailureKind.InvalidAction, secretProblem);
        }

        switch (action.Kind)
        {
            case BrowserActionKind.Type when action.Text is null:
                return new Failure(ActionFailureKind.InvalidAction, $"A Type action needs text (use \"\" to clear node {action.NodeId}).");
            case BrowserActionKind.Select or BrowserActionKind.Key when string.IsNullOrEmpty(action.Text):
                return new Failure(ActionFailureKind.InvalidAction, action.Kind == BrowserActionKind.Select
                    ? $"A Select action needs the option label or value to choose in node {action.NodeId}."
                    : "A Key action needs a key or combination, for example Enter or Control+A.");
            case BrowserActionKind.Scroll when action.NodeId is null && ScrollDirection(action.Text) is null:
                return new Failure(ActionFailureKind.InvalidAction, $"Scroll direction '{action.Text}' is not 'up' or 'down'.");
            case BrowserActionKind.Goto when string.IsNullOrWhiteSpace(action.Url):
                return new Failure(ActionFailureKind.InvalidAction, "A Goto action needs a URL.");
            case BrowserActionKind.Goto when !HostAllowList.TryParseAbsolute(action.Url, out _):
                return new Failure(ActionFailureKind.InvalidAction, $"Goto URL '{action.Url}' is not an absolute URL.");
            case BrowserActionKind.Click or BrowserActionKind.Type or BrowserActionKind.Key or BrowserActionKind.Select
                or BrowserActionKind.Scroll or BrowserActionKind.Goto or BrowserActionKind.Back:
                return null;
            default:
                return new Failure(ActionFailureKind.InvalidAction, $"Action kind {(int)action.Kind} is not known.");
        }
    }

    private static int? ScrollDirection(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        null or "" or "DOWN" => 1,
        "UP" => -1,
        _ => null,
    };

    private async Task<Failure?> ActOnNodeAsync(BrowserAction action, int node, (string Ready, long TakenAt) captured)
    {
        if (_latestObservationId == 0)
        {
            return new Failure(ActionFailureKind.UnknownNode, $"Node {node} is unknown: nothing has been observed in this session yet.");
        }

        if (node < 0 || node >= _nodeCount)
        {
            return new Failure(ActionFailureKind.UnknownNode, $"Node {node} is not in observation {_latestObservationId} (its ids are 0..{_nodeCount - 1}).");
        }

        var locator = NodeLocator(node);
        if (ReadyFromCapture(action, node, captured))
        {
            return await PerformAsync(action, locator);
        }

        var probe = TakePreparedProbe(node) ?? await ProbeAsync(node);
        return ActionReadiness.Decide(probe, action) switch
        {
            ActionVerdict.Ready ready => await PerformAsync(action, locator, ready.OptionIndex),
            ActionVerdict.ChooseInSelect choose => await ChooseInSelectAsync(choose),
            ActionVerdict.Detached => new Failure(ActionFailureKind.ElementDetached, $"Node {node} of observation {_latestObservationId} is no longer in the page (now {_page.Url}); observe again."),
            ActionVerdict.NotInteractable refused => NotInteractable(action, node, probe, refused.Reason),
            _ => new Failure(ActionFailureKind.InvalidAction, $"A {action.Kind} action does not take a node."),
        };
    }

    /// <summary>Sends the action's input to its target, once the target is known to be ready for it (by a probe, or by
    /// the capture just taken); Playwright's own actionability checks run first. A select takes the index of the option
    /// its probe matched.</summary>
    private async Task<Failure?> PerformAsync(BrowserAction action, ILocator locator, int? optionIndex = null)
    {
        switch (action.Kind)
        {
            case BrowserActionKind.Click:
                await locator.ClickAsync(new LocatorClickOptions { Timeout = _actionTimeoutMs });
                break;
            case BrowserActionKind.Type when SecretPlaceholder.Contains(action.Text):
                return await TypeSecretAsync(locator, action.Text!);
            case BrowserActionKind.Type:
                await locator.FillAsync(action.Text!, new LocatorFillOptions { Timeout = _actionTimeoutMs });
                break;
            case BrowserActionKind.Key:
                await locator.PressAsync(action.Text!, new LocatorPressOptions { Timeout = _actionTimeoutMs });
                break;
            case BrowserActionKind.Select when optionIndex is { } index:
                await locator.SelectOptionAsync(new SelectOptionValue { Index = index }, new LocatorSelectOptionOptions { Timeout = _actionTimeoutMs });
                break;
            case BrowserActionKind.Scroll:
                await locator.ScrollIntoViewIfNeededAsync(new LocatorScrollIntoViewIfNeededOptions { Timeout = _actionTimeoutMs });
                break;
            default:
                throw new InvalidOperationException($"No input is sent for a {action.Kind} action here (option index: {optionIndex}).");
        }

        return null;
    }

    /// <summary>A click on an option of a native select cannot be performed with the mouse (the list is drawn by the
    /// browser), so it selects that option in its select, which is what the click means.</summary>
    private async Task<Failure?> ChooseInSelectAsync(ActionVerdict.ChooseInSelect choose)
    {
        await NodeLocator(choose.SelectNode).SelectOptionAsync(new SelectOptionValue { Index = choose.OptionIndex }, new LocatorSelectOptionOptions { Timeout = _actionTimeoutMs });
        return null;
    }

    private async Task<Failure?> PressOnPageAsync(string key)
    {
        // Pressing "on" the root element focuses nothing (html is not focusable), so the key goes to whatever has focus,
        // while Playwright still waits for a navigation the key starts (Enter submitting a form) to commit.
        await _page.Locator(":root").PressAsync(key, new LocatorPressOptions { Timeout = _actionTimeoutMs });
        return null;
    }

    private async Task<Failure?> ScrollPageAsync(string? direction)
    {
        var sign = ScrollDirection(direction)!.Value;
        await _page.Mouse.MoveAsync(_options.ViewportWidth / 2f, _options.ViewportHeight / 2f);
        await _page.Mouse.WheelAsync(0, sign * _options.ViewportHeight);

        // The wheel only queues the scroll; wait for a frame so the next observation sees the new position.
        await Bounded(
            _page.EvaluateAsync("() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))"),
            _options.ActionTimeout,
            "Scrolling the page",
            CancellationToken.None);
        return null;
    }

    private ActionResult Done(long started, Failure? failure)
    {
        var duration = _time.GetElapsedTime(started);
        var url = _disposed || _page.IsClosed ? null : _secrets.Mask(_page.Url);
        var result = failure is { } f ? Fail(f with { Message = _secrets.Mask(f.Message) }, url, duration) : ActionResult.Success(url, duration);
        return result with { LoadedDocument = _guard.DocumentRequests != _documentsBeforeAction, PerformedAt = _time.GetUtcNow() };
    }
}
