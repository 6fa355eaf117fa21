using ScribeActors.Abstractions;

namespace ScribeActors.Browser;

/// <summary>
/// Whether an action's target can take it now, decided before any input is sent, so an action on an element that
/// cannot take it fails at once with the reason instead of waiting out Playwright's actionability timeout. Pure: the
/// session reads the page (a probe, or the latest capture) and acts on the verdict.
/// </summary>
internal static class ActionReadiness
{
    /// <summary>How many option labels a failure lists before it only counts the rest.</summary>
    private const int ListedOptions = 20;

    /// <summary>What <paramref name="probe"/>, taken of the target just now, says about <paramref name="action"/>.</summary>
    public static ActionVerdict Decide(ElementProbe probe, BrowserAction action)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(action);
        if (!probe.Attached)
        {
            return ActionVerdict.Detached.Instance;
        }

        switch (action.Kind)
        {
            case BrowserActionKind.Click when probe.Tag == "option":
                // A native select draws its list itself, so the mouse cannot click an option: the click selects it instead.
                if (probe.SelectNode is not { } select)
                {
                    return new ActionVerdict.NotInteractable("it is an option outside any select");
                }

                return probe.SelectDisabled || probe.Disabled
                    ? new ActionVerdict.NotInteractable("it or its select is disabled")
                    : new ActionVerdict.ChooseInSelect(select, probe.OptionIndex);
            case BrowserActionKind.Click:
                if (!probe.Visible)
                {
                    return new ActionVerdict.NotInteractable("it is hidden");
                }

                return probe.Disabled ? new ActionVerdict.NotInteractable("it is disabled") : ActionVerdict.Ready.Now;
            case BrowserActionKind.Type:
                if (!probe.Fillable)
                {
                    return new ActionVerdict.NotInteractable("it is not a text field, text area or editable element");
                }

                if (probe.Disabled || probe.ReadOnly)
                {
                    return new ActionVerdict.NotInteractable(probe.Disabled ? "it is disabled" : "it is read-only");
                }

                return probe.Visible ? ActionVerdict.Ready.Now : new ActionVerdict.NotInteractable("it is hidden");
            case BrowserActionKind.Key:
                return ActionVerdict.Ready.Now;
            case BrowserActionKind.Select:
                if (probe.Tag != "select")
                {
                    return new ActionVerdict.NotInteractable("it is not a select element");
                }

                if (probe.Disabled)
                {
                    return new ActionVerdict.NotInteractable("it is disabled");
                }

                return MatchOption(probe.Options, action.Text ?? "") is { } index
                    ? new ActionVerdict.Ready(index)
                    : new ActionVerdict.NotInteractable($"it has no option labelled or valued '{action.Text}' (options: {ListOptions(probe.Options)})");
            case BrowserActionKind.Scroll:
                return probe.Visible ? ActionVerdict.Ready.Now : new ActionVerdict.NotInteractable("it is hidden");
            default:
                return ActionVerdict.TakesNoNode.Instance;
        }
    }

    /// <summary>
    /// Whether the capture's description of node <paramref name="node"/> (<paramref name="described"/>, one character
    /// per node id: <c>'A'</c> plus visible 1, disabled 2, fillable 4, read-only 8; <c>'.'</c> for a node it does not
    /// describe) says it is ready for an action of <paramref name="kind"/>. Only that answer is taken from a capture;
    /// any other is left to a probe, which also words the failure. A select needs the live list of its options, so the
    /// capture never answers for one.
    /// </summary>
    public static bool ReadyByCapture(string described, int node, BrowserActionKind kind)
    {
        ArgumentNullException.ThrowIfNull(described);
        if (node < 0 || node >= described.Length || described[node] == '.')
        {
            return false;
        }

        var bits = described[node] - 'A';
        bool visible = (bits & 1) != 0, disabled = (bits & 2) != 0, fillable = (bits & 4) != 0, readOnly = (bits & 8) != 0;
        return kind switch
        {
            BrowserActionKind.Click or BrowserActionKind.Scroll => visible && !disabled,
            BrowserActionKind.Type => visible && !disabled && fillable && !readOnly,
            BrowserActionKind.Key => true,
            _ => false,
        };
    }

    /// <summary>The option <paramref name="text"/> names: by exact label, then by trimmed label, then by value, then by
    /// trimmed label ignoring case.</summary>
    internal static int? MatchOption(IReadOnlyList<SelectOption> options, string text)
    {
        var list = options.ToList();
        var trimmed = text.Trim();
        int Find(Func<SelectOption, bool> match) => list.FindIndex(o => match(o));
        var index = Find(o => o.Label == text);
        if (index < 0)
        {
            index = Find(o => o.Label.Trim() == trimmed);
        }

        if (index < 0)
        {
            index = Find(o => o.Value == text);
        }

        if (index < 0)
        {
            index = Find(o => string.Equals(o.Label.Trim(), trimmed, StringComparison.OrdinalIgnoreCase));
        }

        return index < 0 ? null : index;
    }

    private static string ListOptions(IReadOnlyList<SelectOption> options)
    {
        var labels = options.Select(o => $"'{o.Label}'").ToList();
        return labels.Count <= ListedOptions
            ? string.Join(", ", labels)
            : string.Join(", ", labels.Take(ListedOptions)) + $", … ({labels.Count} in all)";
    }
}

/// <summary>What <see cref="ActionReadiness.Decide"/> found: go ahead (and on what), or why not.</summary>
internal abstract record ActionVerdict
{
    private ActionVerdict()
    {
    }

    /// <summary>The target can take the action: send its input. A select takes the option at <paramref name="OptionIndex"/>.</summary>
    public sealed record Ready(int? OptionIndex = null) : ActionVerdict
    {
        /// <summary>Ready, with no option to choose.</summary>
        public static Ready Now { get; } = new();
    }

    /// <summary>A click on an option of a native select: choose option <paramref name="OptionIndex"/> in the select
    /// that is node <paramref name="SelectNode"/>.</summary>
    public sealed record ChooseInSelect(int SelectNode, int OptionIndex) : ActionVerdict;

    /// <summary>The target is no longer in the observed document: the page must be observed again.</summary>
    public sealed record Detached : ActionVerdict
    {
        public static Detached Instance { get; } = new();
    }

    /// <summary>The target cannot take the action; <paramref name="Reason"/> says why ("it is hidden").</summary>
    public sealed record NotInteractable(string Reason) : ActionVerdict;

    /// <summary>The action is of a kind that takes no node (a Goto or Back given one).</summary>
    public sealed record TakesNoNode : ActionVerdict
    {
        public static TakesNoNode Instance { get; } = new();
    }
}
