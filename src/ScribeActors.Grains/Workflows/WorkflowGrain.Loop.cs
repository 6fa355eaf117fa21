using System.Diagnostics;
using ScribeActors.Abstractions;
using ScribeActors.Agent;
using ScribeActors.Agent.Recovery;
using ScribeActors.Agent.Secrets;
using ScribeActors.Grains.Storage;

namespace ScribeActors.Grains.Workflows;

public sealed partial class WorkflowGrain
{
    private void StartLoop(bool resumed)
    {
        if (_loop is { IsCompleted: false })
        {
            return;
        }

        _loopCancellation?.Dispose();
        _loopCancellation = new CancellationTokenSource();
        _nextObservation = null; // taken before a pause, a restart or a lost loop: observe afresh
        _loop = RunLoopAsync(resumed, _loopCancellation.Token);
        _deadlineWatch?.Cancel();
        _deadlineWatch?.Dispose();
        _deadlineWatch = CancellationTokenSource.CreateLinkedTokenSource(_loopCancellation.Token);
        _ = WatchDeadlineAsync(_deadlineWatch.Token);
    }

    private async Task StopLoopAsync(CancellationToken cancellationToken)
    {
        _deadlineWatch?.Cancel();
        if (_loop is { IsCompleted: false } loop)
        {
            _loopCancellation?.Cancel();
            try
            {
                // The loop stops at its next await; don't hold deactivation hostage to a slow browser call.
                await loop.WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or TimeoutException)
            {
            }
        }
    }

    private async Task RunLoopAsync(bool resumed, CancellationToken cancellationToken)
    {
        // Yield first so the loop runs after the current turn ends, but stays on this activation's scheduler.
        await Task.CompletedTask.ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.ForceYielding);
        var errors = 0;
        var outage = 0;
        BeginTelemetry(resumed);
        if (resumed)
        {
            Current.Resumptions++;
            _recoverLostSteps = true;
            LogResumed(Id, Current.Steps.Count, Current.Resumptions);
        }

        while (!cancellationToken.IsCancellationRequested && !_stale && Current.Status == WorkflowStatus.Running)
        {
            try
            {
                await RunOneStepAsync(cancellationToken);
                ReportFinishedSteps();
                errors = 0;
                outage = 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _nextObservation = null;
                var fault = FaultClassifier.Classify(e);
                WorkflowTelemetry.RecordFault(fault);
                var decision = RetryPolicy.OnFault(fault, errors, outage, $"{e.GetType().Name}: {e.Message}", _limits);
                errors += decision.CountsAsError ? 1 : 0;
                outage = fault == InfrastructureFault.StorageUnavailable ? outage + 1 : 0;
                LogLoopError(Id, fault, decision.Kind, errors, e);
                switch (decision.Kind)
                {
                    case RetryMove.Reload:
                        BecomeStale(decision.Reason);
                        return;
                    case RetryMove.Fail:
                        await FailAsync(decision.Reason);
                        return;
                    case RetryMove.ReopenSession:
                        _reopenSession = true;
                        break;
                }

                await Task.Delay(decision.Delay, time, cancellationToken);
            }
        }

        // The loop stopped on a status change (a pause that came while the browser acted): the last outcome, durable
        // so far only in the session's record, goes into the workflow's state too.
        if (_outcomeUnsaved && !cancellationToken.IsCancellationRequested && !_stale)
        {
            await PersistAsync();
        }
    }

    private async Task RunOneStepAsync(CancellationToken cancellationToken)
    {
        if (await EndIfOutOfTimeAsync())
        {
            return;
        }

        if (!Current.SessionOpened || _reopenSession)
        {
            await OpenSessionAsync(cancellationToken);
            return;
        }

        var started = time.GetUtcNow();
        var clock = Stopwatch.StartNew();

        // The previous action usually brought the page it left (taken while the session wrote its checkpoint); its
        // capture time is part of that step's ExecuteMs. Otherwise (first step, after a retry, a pause or a restart)
        // the page is observed now.
        var observation = _nextObservation ?? await Session.ObserveAsync(ScreenshotWithObservation, cancellationToken);
        _nextObservation = null;
        var observeMs = clock.Elapsed.TotalMilliseconds;
        cancellationToken.ThrowIfCancellationRequested();
        if (Current.Status != WorkflowStatus.Running)
        {
            return;
        }

        if (observation.TooLarge is { } tooLarge)
        {
            await PageTooLargeAsync(observation, tooLarge, started, observeMs);
            return;
        }

        var dom = DomIndex.Parse(observation.Dom);
        if (Current.Steps.Count > 0 && Current.Steps[^1].Phase != StepPhase.Done)
        {
            await ResolveInterruptedStepAsync(Current.Steps.Count - 1, observation, dom);
            return;
        }

        if (_recoverLostSteps)
        {
            _recoverLostSteps = false;
            if (await RecoverLostStepsAsync())
            {
                // Recovered steps were taken in the context this activation's fresh open replaced: what they did in the
                // page is gone, as after a rebuild.
                _contextBehindRecord = _openedAfresh;
                return;
            }
        }

        if ((Current.SessionEpoch is { } epoch && epoch != observation.SessionEpoch) || _contextBehindRecord)
        {
            if (_returnedInEpoch != observation.SessionEpoch && await ReturnToRecordedPageAsync(observation))
            {
                return;
            }

            _contextBehindRecord = false;

            // The browser context was rebuilt from its checkpoint: typed values and other in-page state are gone.
            var rewound = Source.CursorAfterReload(Current.Steps, Current.Cursor, observation.Url);
            LogPageReloaded(Id, observation.SessionEpoch, Current.Cursor, rewound);
            Current.Cursor = rewound;
        }

        Current.SessionEpoch = observation.SessionEpoch;
        if (Current.Steps.Count >= Current.Spec!.MaxSteps)
        {
            await FailAsync($"Reached the step limit of {Current.Spec.MaxSteps} steps before the objective was complete.");
            return;
        }

        var lateScreenshot = ScreenshotWhileDeciding && observation.Screenshot is null ? ScreenshotQuietlyAsync(observation, cancellationToken) : null;
        var (observationRef, screenshotRef, startUpload) = PrepareArtifacts(observation, cancellationToken);
        var (looped, handOver) = await CheckLoopAsync(observation, observationRef);
        if (looped)
        {
            return;
        }

        clock.Restart();
        var deciding = Source.DecideAsync(new StepContext(Current.Spec, Current.Cursor, observation, dom, Current.Steps, handOver), cancellationToken);
        Task? upload = null;
        if (!deciding.IsCompleted)
        {
            // A source that takes its time (a model) hides the upload, and should not keep the last outcome from
            // watchers meanwhile. A source that decided at once (replay) saves that outcome with this step's intent, in
            // one write, and uploads while the browser acts.
            upload = startUpload();
            if (_outcomeUnsaved)
            {
                await PersistAsync();
            }
        }

        var decision = await deciding;
        var decideMs = clock.Elapsed.TotalMilliseconds;
        cancellationToken.ThrowIfCancellationRequested();
        if (Current.Status != WorkflowStatus.Running)
        {
            return;
        }

        var (promptRef, promptUpload) = PreparePrompt(decision, cancellationToken);
        var (lateScreenshotRef, lateScreenshotUpload) = await PrepareLateScreenshotAsync(lateScreenshot, cancellationToken);
        screenshotRef ??= lateScreenshotRef;
        if (promptUpload is not null || lateScreenshotUpload is not null)
        {
            // The prompt and a screenshot taken while the source decided go with the page's artefacts: the record names
            // all of them once all are stored.
            var late = Task.WhenAll(promptUpload ?? Task.CompletedTask, lateScreenshotUpload ?? Task.CompletedTask);
            var pageUpload = startUpload;
            startUpload = () => Task.WhenAll(pageUpload(), late);
            upload = upload is null ? null : Task.WhenAll(upload, late);
        }

        var step = new StepRecord
        {
            Index = Current.Steps.Count,
            Phase = StepPhase.Decided,
            UrlBefore = observation.Url,
            Description = decision.Step?.Render(),
            Step = decision.Step,
            ObservationRef = observationRef,
            ScreenshotRef = screenshotRef,
            PromptRef = promptRef,
            StartedAt = started,
            ObserveMs = observeMs,
            DecideMs = decideMs,
            SourceCursor = Current.Cursor,
            NodeCount = observation.NodeCount,
            Note = decision.Note,
            Inference = decision.Inference,
            SignsIn = decision.Action is { } action && SignInRule.SubmitsSignIn(dom, action),
        };

        switch (decision.Kind)
        {
            case StepDecisionKind.Finish:
                await FinishWhenMetAsync(await WithStoredArtifactsAsync(step, upload ?? startUpload()), decision, observation, dom, cancellationToken);
                return;

            case StepDecisionKind.Fail:
                await DecisionFailedAsync(await WithStoredArtifactsAsync(step, upload ?? startUpload()), decision, observation, cancellationToken);
                return;
        }

        await ActAsync(step with { Action = decision.Action, NextCursor = decision.NextCursor }, decision.NextCursor, upload, startUpload, cancellationToken);
    }

    private async Task DecisionFailedAsync(StepRecord step, StepDecision decision, Observation observation, CancellationToken cancellationToken)
    {
        Current.Attempts++;
        var reason = $"{decision.Error ?? "The step source could not decide the next step."} (page: {observation.Url} \"{observation.Title}\")";
        var next = RetryPolicy.OnDecisionFailed(reason, Current.Attempts, _limits);
        if (next.Kind == RetryMove.Fail)
        {
            // Keep the page the source gave up on (its observation reference) in the history.
            Current.Steps.Add(step with { Phase = StepPhase.Done, UrlAfter = observation.Url, FinishedAt = time.GetUtcNow(), Note = reason });
            await FailAsync(reason);
            return;
        }

        LogRetry(Id, Current.Attempts, decision.Error);
        if (_outcomeUnsaved)
        {
            await PersistAsync();
        }

        await Task.Delay(next.Delay, time, cancellationToken);
    }

    private async Task ActAsync(StepRecord step, int nextCursor, Task? upload, Func<Task> startUpload, CancellationToken cancellationToken)
    {
        step = step with { Phase = StepPhase.Acting, ActionId = $"{Id}/{step.Index}" };
        var stored = step;
        if (upload is not { IsCompletedSuccessfully: true })
        {
            // Not stored yet: the intent goes out without the references, which the outcome record carries.
            step = step.WithoutArtifacts();
        }

        Current.Steps.Add(step);
        var request = new ExecuteActionRequest
        {
            ActionId = step.ActionId!,
            Action = step.Action!,
            Intent = step.WithoutArtifacts() with { Inference = null },
            IdempotencyKey = IdempotencyKeyFor(step.Action!),
        };
        var clock = Stopwatch.StartNew();
        var preparing = PrepareQuietlyAsync(request, cancellationToken); // the session looks at the target meanwhile
        await PersistAsync(); // the intent is durable before the browser acts
        var persistMs = clock.Elapsed.TotalMilliseconds;
        await preparing;
        upload ??= startUpload();

        clock.Restart();
        var response = await Session.ExecuteAndObserveAsync(request, ScreenshotWithObservation, cancellationToken);
        var result = response.Result;

        // A loop cancelled while the browser acted belongs to an activation that is going away (or a cancelled
        // workflow): it must not write. The next activation resolves the step from the durable intent.
        cancellationToken.ThrowIfCancellationRequested();
        if (result.Failure == ActionFailureKind.BrowserUnavailable && !step.Action!.IsIdempotent)
        {
            // The browser went away while acting, so the click or key press may have happened: the intent stays, and
            // the next observation (of the rebuilt session) resolves it as an interrupted step, never by repeating it.
            LogUncertain(Id, step.Index, result.Message);
            _nextObservation = null;
            return;
        }

        stored = await WithStoredArtifactsAsync(stored, upload);
        step = step with
        {
            Phase = StepPhase.Done,
            ObservationRef = stored.ObservationRef,
            ScreenshotRef = stored.ScreenshotRef,
            PromptRef = stored.PromptRef,
            Outcome = result,
            UrlAfter = result.UrlAfter,
            FinishedAt = time.GetUtcNow(),
            ExecuteMs = clock.Elapsed.TotalMilliseconds,
            PersistMs = persistMs,
        };
        Current.Steps[step.Index] = step;
        LogStep(Id, step.Index, step.Action!.ToString(), result.ToString());
        _nextObservation = response.Observation;
        await RecordOutcomeAsync(step, result, nextCursor);
    }

    /// <summary>Lets the session look at the action's target while the intent is written; only an accelerator, so a
    /// failure is left for the execution to meet and report.</summary>
    private async Task PrepareQuietlyAsync(ExecuteActionRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await Session.PrepareAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogPrepareFailed(Id, e.Message);
        }
    }

    private async Task RecordOutcomeAsync(StepRecord step, ActionResult result, int nextCursor)
    {
        if (IsTerminal(Current.Status))
        {
            return; // a cancel or the deadline already wrote the final state
        }

        if (result.Succeeded || SlowNavigationRule.TookEffect(result, step.UrlBefore))
        {
            if (!result.Succeeded)
            {
                var slow = $"The page moved on to {result.UrlAfter} but did not finish loading in time; the action took effect.";
                Current.Steps[step.Index] = step with { Note = step.Note is null ? slow : $"{step.Note} {slow}" };
            }

            Current.Cursor = nextCursor;
            Current.Attempts = 0;
            await ReleaseIdempotencyKeyAsync(step);
            if (_nextObservation is not null)
            {
                // Recovery does not need this write: the session wrote the result of a non-idempotent action durably
                // before returning it, and an idempotent action is simply taken again. So the outcome goes out with
                // the next write, usually the next step's intent a few milliseconds from now: one write per step.
                _outcomeUnsaved = true;
                return;
            }

            await PersistAsync();
            return;
        }

        Current.Attempts++;
        _nextObservation = null; // the retry waits first, and then looks at the page afresh

        // A model step that fails is a recorded step like any other: the model sees the page again and decides anew.
        var next = RetryPolicy.OnActionFailed(result, step.Index + 1, step.Action!, step.Inference is not null, Current.Attempts, _limits);
        if (next.Kind == RetryMove.Fail)
        {
            await FailAsync(next.Reason);
            return;
        }

        await PersistAsync();
        LogRetry(Id, Current.Attempts, result.ToString());
        await Task.Delay(next.Delay, time, _loopCancellation?.Token ?? CancellationToken.None);
    }

    /// <summary>Opens the browser session at the start URL; or, when its state was lost after it was opened, opens it
    /// again at the last page the workflow knew, one epoch on (so the step source treats the page as rebuilt).</summary>
    private async Task OpenSessionAsync(CancellationToken cancellationToken)
    {
        var spec = Current.Spec!;
        var reopen = _reopenSession && Current.SessionOpened;
        var url = reopen ? LastKnownUrl() : spec.StartUrl;
        var opened = await Session.OpenAndObserveAsync(
            new OpenSessionRequest
            {
                StartUrl = url,
                AllowedHosts = [.. spec.EffectiveAllowedHosts],
                SecretNames = [.. SecretUsage.Names(spec)],
                Epoch = reopen ? (Current.SessionEpoch ?? 0) + 1 : null,
            },
            ScreenshotWithObservation,
            cancellationToken);
        var result = opened.Result;
        cancellationToken.ThrowIfCancellationRequested();
        if (Current.Status != WorkflowStatus.Running)
        {
            return;
        }

        if (result.Succeeded)
        {
            if (reopen)
            {
                LogReopened(Id, url);
            }

            _reopenSession = false;
            _openedAfresh = !reopen;
            _nextObservation = opened.Observation;
            Current.SessionOpened = true;
            Current.Attempts = 0;
            if (!reopen && Current.Steps.Count == 0 && _nextObservation is not null)
            {
                // Nothing recovery needs: a workflow that dies before its first step stores SessionOpened = false and
                // simply opens its session again at the start URL. So this goes out with the first step's intent.
                _outcomeUnsaved = true;
                return;
            }

            await PersistAsync();
            return;
        }

        Current.Attempts++;
        var next = RetryPolicy.OnOpenFailed(result, url, Current.Attempts, _limits);
        if (next.Kind == RetryMove.Fail)
        {
            await FailAsync(next.Reason);
            return;
        }

        await PersistAsync();
        LogRetry(Id, Current.Attempts, result.ToString());
        await Task.Delay(next.Delay, time, cancellationToken);
    }

    /// <summary>The last page the workflow saw (the start URL before any step).</summary>
    private string LastKnownUrl()
    {
        for (var i = Current.Steps.Count - 1; i >= 0; i--)
        {
            if ((Current.Steps[i].UrlAfter ?? Current.Steps[i].UrlBefore) is { } url && Uri.IsWellFormedUriString(url, UriKind.Absolute))
            {
                return url;
            }
        }

        return Current.Spec!.StartUrl;
    }

    /// <summary>
    /// The workflow lost its activation while an action was in flight. It never repeats a non-idempotent action
    /// blindly: <see cref="InterruptedActionRule"/> decides from the session's record and the fresh page.
    /// </summary>
    private async Task ResolveInterruptedStepAsync(int index, Observation observation, DomIndex dom)
    {
        var step = Current.Steps[index];
        if (step.Phase != StepPhase.Acting || step.Action is null || step.ActionId is null)
        {
            Current.Steps[index] = step with { Phase = StepPhase.Done, FinishedAt = time.GetUtcNow(), Note = "Interrupted before acting; decided again." };
            await PersistAsync();
            return;
        }

        // A page rebuilt from a checkpoint (the browser that acted went away) says nothing about the action; what the
        // session recorded about requests it let out does.
        var rebuilt = Current.SessionEpoch is { } epoch && epoch != observation.SessionEpoch;
        var recorded = await Session.GetActionResultAsync(step.ActionId);
        var sent = recorded is null && rebuilt ? await Session.GetSentAsync(step.ActionId) : null;
        if (Current.Status != WorkflowStatus.Running)
        {
            return;
        }

        var evidence = new InterruptionEvidence(recorded, observation.Url, Source.IsTargetPresent(step, dom))
        {
            PageRebuilt = rebuilt,
            SentRequest = sent?.Request,
            SentLandingUrl = step.SignsIn ? null : sent?.LandingUrl, // a sign-in's landing needs the cookie that was lost
            SignsIn = step.SignsIn,
            SentIdempotencyKey = sent?.IdempotencyKey,
            ActionKey = Current.CarriedIdempotencyKey ?? step.ActionId, // what ActAsync sent: the carried key, else the session used the action id
        };
        var verdict = InterruptedActionRule.Resolve(step.Action, step.UrlBefore, evidence);
        LogInterrupted(Id, step.Index, verdict.Performed, verdict.Reason);
        var note = $"Interrupted before its outcome was recorded (lost activation or browser session); {verdict.Reason}.";
        if (verdict.Performed)
        {
            if (evidence.SentLandingUrl is { } landing && !InterruptedActionRule.SamePage(landing, observation.Url))
            {
                // The rebuilt page is the one before the action, which the server has moved past: go where it led.
                var went = await GoToAfterRebuildAsync($"{step.ActionId}/landing", landing);
                LogWentToLanding(Id, step.Index, landing, went.ToString());
            }

            var outcome = verdict.Outcome!;
            step = step with { Phase = StepPhase.Done, Outcome = outcome, UrlAfter = outcome.UrlAfter ?? observation.Url, FinishedAt = time.GetUtcNow(), Note = note, OutcomeUncertain = verdict.Uncertain };
            Current.Steps[index] = step;
            await RecordOutcomeAsync(step, outcome, step.NextCursor ?? (step.SourceCursor ?? Current.Cursor) + 1);
            return;
        }

        Current.Steps[index] = step with { Phase = StepPhase.Done, UrlAfter = observation.Url, FinishedAt = time.GetUtcNow(), Note = note + " Not performed; it will be decided again." };
        CarryIdempotencyKey(verdict);
        Current.Cursor = step.SourceCursor ?? Current.Cursor;
        await PersistAsync();
    }

    /// <summary>
    /// The context was rebuilt from a checkpoint older than the workflow's record (<see cref="ReloadedPageRule"/>): when
    /// the page the record says was reached by GET, the workflow goes back to it (once per rebuilt context) and observes
    /// it afresh. Returns whether it went.
    /// </summary>
    private async Task<bool> ReturnToRecordedPageAsync(Observation observation)
    {
        _returnedInEpoch = observation.SessionEpoch;
        var recorded = ReloadedPageRule.RecordedPage(Current.Steps, Current.Spec!.StartUrl);
        if (InterruptedActionRule.SamePage(recorded.Url, observation.Url))
        {
            return false;
        }

        var sent = recorded.Mover?.ActionId is { } moverAction ? await Session.GetSentAsync(moverAction) : null;
        if (ReloadedPageRule.ReturnTo(recorded, observation.Url, sent?.Request) is not { } url || Current.Status != WorkflowStatus.Running)
        {
            return false;
        }

        var result = await GoToAfterRebuildAsync($"{Id}/{Current.Steps.Count}/return-{observation.SessionEpoch}", url);
        LogReturnedToRecordedPage(Id, observation.SessionEpoch, observation.Url, url, result.ToString());
        return true;
    }

    /// <summary>Takes a rebuilt context to <paramref name="url"/> (outside the step record: a recovery move, under an
    /// action id of its own so a re-delivery is not taken twice); the next step looks at that page afresh.</summary>
    private async Task<ActionResult> GoToAfterRebuildAsync(string actionId, string url)
    {
        _nextObservation = null;
        return await Session.ExecuteAsync(new ExecuteActionRequest { ActionId = actionId, Action = BrowserAction.Goto(url) });
    }

    /// <summary>
    /// A resumed workflow asks its browser session for steps performed after its last recorded one: storage can lose
    /// writes it had acknowledged (an emulator killed and restarted on older data), and then the workflow's record of a
    /// step is gone although the session performed it and kept the intent with the result. Such steps are put back as
    /// performed, so nothing is taken twice and the source goes on from where the lost timeline was.
    /// </summary>
    private async Task<bool> RecoverLostStepsAsync()
    {
        var performed = await Session.GetPerformedAsync(Current.Steps.Count);
        if (performed.Length > 0 && performed[0].Index > Current.Steps.Count)
        {
            LogRecoveryGap(Id, Current.Steps.Count, performed[0].Index);
        }

        var recovered = 0;
        foreach (var step in performed)
        {
            if (step.Index != Current.Steps.Count || step.Action is null)
            {
                break;
            }

            Current.Steps.Add(step with
            {
                Phase = StepPhase.Done,
                FinishedAt = step.FinishedAt ?? time.GetUtcNow(),
                Note = "Recovered from the browser session's record: storage lost the workflow's own record of this step.",
            });
            recovered++;
            if (step.Outcome is not { Succeeded: true } && !(step.Outcome is { } outcome && SlowNavigationRule.TookEffect(outcome, step.UrlBefore)))
            {
                // It failed: the source decides that step again, from the page as it is now (as after a failed action).
                Current.Cursor = step.SourceCursor ?? Current.Cursor;
                break;
            }

            Current.Cursor = step.NextCursor ?? (step.SourceCursor ?? Current.Cursor) + 1;
        }

        if (recovered == 0)
        {
            return false;
        }

        LogRecovered(Id, recovered);
        Current.Attempts = 0;
        _nextObservation = null;
        await PersistAsync();
        return true;
    }
}
