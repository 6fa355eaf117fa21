using System.Collections.Frozen;
using AngleSharp.Dom;

namespace ScribeActors.Agent.Pruning;

public static partial class HtmlPruner
{
    /// <summary>
    /// The attribute the ScribeActors capture writes on the topmost element of content that is not rendered
    /// (<c>display: none</c> as computed: a closed dialog, <c>[hidden]</c>, a row a filter hid, a hidden input).
    /// </summary>
    public const string HiddenMark = "data-scribe-hidden";

    /// <summary>The project observation's sets. A class of their own: static fields of one partial class in several
    /// files are initialised in an unspecified order, and these are built from the reference's sets.</summary>
    private static class ProjectSets
    {
        /// <summary>The project's tags: the reference's 60, and <c>summary</c> (clickable) and <c>dialog</c> (a modal's
        /// content is told apart from the page behind it).</summary>
        public static readonly FrozenSet<string> ProjectValidTags = ValidTags.Union(["summary", "dialog"]).ToFrozenSet(StringComparer.Ordinal);

        /// <summary>The project's salient attributes: the reference's 23, and state (<c>checked</c>, <c>disabled</c>,
        /// <c>readonly</c>, <c>open</c>, <c>multiple</c>, <c>contenteditable</c>, ARIA states) and a label's <c>for</c>.</summary>
        public static readonly FrozenSet<string> ProjectSalientAttributes = SalientAttributes.Union(
            ["checked", "disabled", "readonly", "open", "multiple", "contenteditable", "for", "aria-expanded", "aria-checked",
             "aria-pressed", "aria-disabled", "aria-current"]).ToFrozenSet(StringComparer.Ordinal);

        /// <summary>Boolean state attributes: their empty value (<c>checked=""</c>) is the state, so it is kept.</summary>
        public static readonly FrozenSet<string> BooleanStateAttributes = FrozenSet.Create(StringComparer.Ordinal,
            "checked", "selected", "disabled", "readonly", "open", "multiple", "required", "contenteditable");

        /// <summary>The project's keep-empty tags: the reference's, and <c>summary</c>.</summary>
        public static readonly FrozenSet<string> ProjectNoDropTags = NoDropTags.Union(["summary"]).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>Input types that take no typed text (any other type, an unknown one included, is a text field to the
    /// browser).</summary>
    private static readonly FrozenSet<string> NonTextInputTypes = FrozenSet.Create(StringComparer.Ordinal,
        "checkbox", "radio", "submit", "button", "reset", "image", "file", "hidden", "range", "color");

    /// <summary>
    /// Content a person does not see: marked by the capture (<see cref="HiddenMark"/>), <c>[hidden]</c>, a
    /// <c>&lt;dialog&gt;</c> without <c>open</c>, a hidden input, an inline <c>display: none</c>, a template.
    /// The pure rules make raw HTML (no capture) right too.
    /// </summary>
    internal static bool IsHidden(string tag, IElement element)
    {
        if (element.HasAttribute(HiddenMark) || element.HasAttribute("hidden") || tag == "template")
        {
            return true;
        }

        if ((tag == "dialog" && !element.HasAttribute("open")) || (tag == "input" && InputType(element) == "hidden"))
        {
            return true;
        }

        var style = element.GetAttribute("style");
        return style is not null && style.Replace(" ", "", StringComparison.Ordinal).Contains("display:none", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>What a step may do to <paramref name="element"/> (see <see cref="ElementActions"/>).</summary>
    internal static ElementActions ActionsOf(string tag, IElement element, bool hidden)
    {
        if (hidden || tag is "option" or "optgroup" or "html" or "head" or "script" or "style" or "title" or "meta" or "link" or "template")
        {
            return ElementActions.None;
        }

        if (element.HasAttribute("disabled") && tag is "button" or "input" or "select" or "textarea" or "fieldset")
        {
            return ElementActions.None;
        }

        if (string.Equals(element.GetAttribute("aria-disabled"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return ElementActions.None;
        }

        var readOnly = element.HasAttribute("readonly");
        switch (tag)
        {
            case "select":
                return ElementActions.Click | ElementActions.Select;
            case "textarea":
                return readOnly ? ElementActions.Click : ElementActions.Click | ElementActions.Type;
            case "input":
                var type = InputType(element);
                return type == "hidden" ? ElementActions.None
                    : !NonTextInputTypes.Contains(type) && !readOnly ? ElementActions.Click | ElementActions.Type
                    : ElementActions.Click;
        }

        var editable = element.GetAttribute("contenteditable");
        return editable is not null && !editable.Equals("false", StringComparison.OrdinalIgnoreCase)
            ? ElementActions.Click | ElementActions.Type
            : ElementActions.Click;
    }

    /// <summary>The form of text <paramref name="element"/> takes (see <see cref="FieldFormat"/>).</summary>
    internal static FieldFormat FormatOf(string tag, IElement element) => tag != "input" ? FieldFormat.Text : InputType(element) switch
    {
        "date" => FieldFormat.Date,
        "time" => FieldFormat.Time,
        "month" => FieldFormat.Month,
        "week" => FieldFormat.Week,
        "datetime-local" => FieldFormat.DateTimeLocal,
        "number" => FieldFormat.Number,
        _ => FieldFormat.Text,
    };

    /// <summary>The most option labels a select keeps (<see cref="OptionLabels"/>).</summary>
    public const int MaxOptionLabels = 256;

    /// <summary>The labels of the options a step can choose in <paramref name="select"/>, as the browser matches them (the
    /// <c>label</c> attribute, else the text with white space collapsed): enabled (an option or its group disabled is
    /// left out), non-empty, each once, in document order; none when it has more than <see cref="MaxOptionLabels"/>.</summary>
    internal static string[] OptionLabels(IElement select)
    {
        var labels = new List<string>();
        foreach (var option in select.QuerySelectorAll("option"))
        {
            if (labels.Count == MaxOptionLabels)
            {
                // More than a step's grammar should list: the options are left unknown (any quoted value).
                return [];
            }

            if (option.HasAttribute("disabled") || option.ParentElement is { LocalName: "optgroup" } group && group.HasAttribute("disabled"))
            {
                continue;
            }

            var label = option.GetAttribute("label") is { Length: > 0 } given ? given : option.TextContent;
            label = string.Join(' ', label.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (label.Length > 0 && !labels.Contains(label, StringComparer.Ordinal))
            {
                labels.Add(label);
            }
        }

        return [.. labels];
    }

    private static string InputType(IElement element) => (element.GetAttribute("type") ?? "").Trim().ToLowerInvariant();
}
