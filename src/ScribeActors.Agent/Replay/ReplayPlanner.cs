using ScribeActors.Abstractions;
using ScribeActors.Agent.Recovery;

namespace ScribeActors.Agent.Replay;

/// <summary>Replays a <see cref="RecordedWorkflow"/> on fresh pages: locates each recorded target, maps the step to an action.</summary>
public static class ReplayPlanner
{
    /// <summary>Decides the action for recorded step <paramref name="cursor"/> on the page <paramref name="dom"/>.</summary>
    /// <param name="recording">The recording.</param>
    /// <param name="cursor">The recorded step to take (0-based).</param>
    /// <param name="dom">The fresh page.</param>
    /// <param name="attempted">Whether this step was already tried and its outcome is uncertain (it failed, or an
    /// interruption left it undecided). Then, when its target is gone but the next step's target is on the page, the
    /// page shows the step took effect, and the next step is taken instead.</param>
    public static ReplayDecision Next(RecordedWorkflow recording, int cursor, DomIndex dom, bool attempted = false)
    {
        var decision = Plan(recording, cursor, dom);
        if (decision is { Kind: ReplayDecisionKind.Act, Step.Node: { } box } && AlreadyAsClicked(recording.Steps[cursor], dom, box))
        {
            // A checkbox click is a toggle: on a form the server filled in again (a draft saved before a crash) the box
            // is already as the recorded click left it, and clicking would undo it.
            var after = Next(recording, cursor + 1, dom);
            return after with { Note = $"Recorded step {cursor + 1} ({recording.Steps[cursor].Description}): the box is already as that click left it, so it is not clicked again. {after.Note}".TrimEnd() };
        }

        if (decision.Kind != ReplayDecisionKind.Fail || !attempted || cursor + 1 >= recording.Steps.Length
            || recording.Steps[cursor + 1].Signature is null || !IsTargetPresent(recording, cursor + 1, dom))
        {
            return decision;
        }

        var next = Plan(recording, cursor + 1, dom);
        return next.Kind == ReplayDecisionKind.Fail
            ? decision
            : next with { Note = $"Recorded step {cursor + 1}'s target is gone and step {cursor + 2}'s is on the page: step {cursor + 1} took effect." };
    }

    private static ReplayDecision Plan(RecordedWorkflow recording, int cursor, DomIndex dom)
    {
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentNullException.ThrowIfNull(dom);
        if (cursor >= recording.Steps.Length)
        {
            return new(ReplayDecisionKind.Finish, cursor, null, null, null, null);
        }

        var step = recording.Steps[cursor];
        var number = cursor + 1;
        int? node = null;
        string? target = null;
        if (step.Signature is not null)
        {
            var match = TargetLocator.Locate(dom, step.Signature);
            if (match.NodeId is null)
            {
                return Fail(cursor, $"Recorded step {number} ({step.Description}): target not found on the page. {match.Reason}");
            }

            node = match.NodeId;
            target = dom.OpeningTag(node.Value);
        }
        else if (StepActions.NeedsTarget(step.Action))
        {
            return Fail(cursor, $"Recorded step {number} ({step.Description}): {step.Action} needs a target signature and the recording has none.");
        }

        var mapping = ActionMapper.Map(step.Action, node, step.Description, step.Value, target);
        var structured = new ScribeStep(number, step.Description, step.Action, node, target);
        if (mapping.Error is not null)
        {
            return Fail(cursor, $"Recorded step {number} ({step.Description}): {mapping.Error}");
        }

        return mapping.IsFinish
            ? new(ReplayDecisionKind.Finish, cursor, null, structured, mapping.Answer, null)
            : new(ReplayDecisionKind.Act, cursor, mapping.Action, structured, null, null);
    }

    /// <summary>Whether recorded step <paramref name="step"/> clicks a checkbox or radio button that node
    /// <paramref name="node"/> of <paramref name="dom"/> shows in the state the click left it in when recorded (a
    /// checkbox the opposite of its recorded state, a radio button checked). The capture writes a box's live state as
    /// its <c>checked</c> attribute, in the recording and on the page.</summary>
    public static bool AlreadyAsClicked(RecordedStep step, DomIndex dom, int node)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(dom);
        if (step.Action != StepActions.Click || step.Signature is not { Tag: "input" } signature
            || !signature.Attributes.TryGetValue("type", out var type) || dom.Find(node) is not { } element)
        {
            return false;
        }

        var wasChecked = signature.Attributes.ContainsKey("checked");
        return type.ToLowerInvariant() switch
        {
            "checkbox" => element.HasAttribute("checked") != wasChecked,
            "radio" => element.HasAttribute("checked"),
            _ => false,
        };
    }

    /// <summary>Whether the target of recorded step <paramref name="cursor"/> can be found on <paramref name="dom"/>
    /// (steps without a target count as present).</summary>
    public static bool IsTargetPresent(RecordedWorkflow recording, int cursor, DomIndex dom) =>
        cursor >= recording.Steps.Length
        || recording.Steps[cursor].Signature is not { } signature
        || TargetLocator.Locate(dom, signature).NodeId is not null;

    /// <summary>
    /// The cursor to continue from after the page was reloaded from a checkpoint (in-page state such as typed values
    /// is gone): the first recorded step taken on the current page since the workflow arrived there, so the steps that
    /// filled it in are taken again. Steps that navigated to this page are not repeated, and neither is a step that
    /// loaded a document while staying at this URL (a form post redirected back, as an approval queue does) or a
    /// non-idempotent step not known to have stayed in the page (one recovery judged performed): the server may have
    /// acted on it, and the durability rule never repeats such an action blindly. The exception is the last sign-in,
    /// when the page is the one it was taken on, by its path (the context lost its cookie; a site that sends a
    /// signed-out visitor to its sign-in page adds where to return to): it is taken again with its typing.
    /// </summary>
    public static int CursorAfterReload(IReadOnlyList<StepRecord> history, int cursor, string url)
    {
        var rewound = cursor;
        var page = url; // the page the steps taken again were on
        for (var i = history.Count - 1; i >= 0; i--)
        {
            var step = history[i];
            if (step.Phase != StepPhase.Done || step.SourceCursor is null || step.Outcome is not { Succeeded: true })
            {
                continue;
            }

            if (step.SignsIn && InterruptedActionRule.SamePath(step.UrlBefore, page))
            {
                // The page asks for the sign-in again (its cookie was lost with the context): signing in twice
                // changes nothing on a server, so the sign-in and the typing before it are taken again. The sign-in
                // page is known by its path: a site that sends a signed-out visitor there adds where to return to
                // (?returnUrl=…), and it is the same form, the one the typing before the sign-in was done on.
                rewound = Math.Min(rewound, step.SourceCursor.Value);
                page = step.UrlBefore!;
                continue;
            }

            var stayedOnPage = InterruptedActionRule.SamePage(step.UrlBefore, page) && InterruptedActionRule.SamePage(step.UrlAfter, page);
            var leftTheDocument = step.Outcome.LoadedDocument ?? step.Action is { IsIdempotent: false };
            if (!stayedOnPage || leftTheDocument)
            {
                break;
            }

            rewound = Math.Min(rewound, step.SourceCursor.Value);
        }

        return rewound;
    }

    private static ReplayDecision Fail(int cursor, string error) => new(ReplayDecisionKind.Fail, cursor, null, null, null, error);
}
