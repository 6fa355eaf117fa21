using System.Globalization;
using System.Text.Json;

namespace ScribeActors.Browser;

/// <summary>
/// What the action probe (Scripts/probe.js) found about an action's target, read once from the script's result.
/// Only an element still in the observed document (<see cref="Attached"/>) has the other fields; the select and option
/// fields are filled for those elements only.
/// </summary>
internal sealed record ElementProbe
{
    /// <summary>A probe of an element that is no longer in the observed document.</summary>
    public static ElementProbe Gone { get; } = new() { Attached = false };

    /// <summary>Whether the element is still in the document of the observation it was captured in (the script's
    /// state <c>ok</c>; <c>stale</c> and <c>missing</c> are not).</summary>
    public required bool Attached { get; init; }

    /// <summary>The element's local name, for example <c>button</c>.</summary>
    public string Tag { get; init; } = "";

    /// <summary>An input's type attribute, lower case; empty for other elements.</summary>
    public string Type { get; init; } = "";

    /// <summary>Whether it has a box on screen and is not hidden by style.</summary>
    public bool Visible { get; init; }

    /// <summary>Whether it matches <c>:disabled</c> or says <c>aria-disabled="true"</c>.</summary>
    public bool Disabled { get; init; }

    /// <summary>Whether text can be filled in: a text-like input, a text area or an editable element.</summary>
    public bool Fillable { get; init; }

    /// <summary>Whether an input or text area is read-only.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>A select's options (label, value), in order; empty for other elements.</summary>
    public IReadOnlyList<SelectOption> Options { get; init; } = [];

    /// <summary>An option's index in its select.</summary>
    public int OptionIndex { get; init; }

    /// <summary>An option's select, by node id; <see langword="null"/> for an option outside any select.</summary>
    public int? SelectNode { get; init; }

    /// <summary>Whether an option's select is disabled (the script says so of an option outside any select too).</summary>
    public bool SelectDisabled { get; init; }

    /// <summary>Reads the probe script's result.</summary>
    /// <exception cref="KeyNotFoundException">The result lacks a field the script always returns with its state.</exception>
    public static ElementProbe Parse(JsonElement result)
    {
        if (result.GetProperty("state").GetString() != "ok")
        {
            return Gone;
        }

        var tag = result.GetProperty("tag").GetString() ?? "";
        var probe = new ElementProbe
        {
            Attached = true,
            Tag = tag,
            Type = result.GetProperty("type").GetString() ?? "",
            Visible = result.GetProperty("visible").GetBoolean(),
            Disabled = result.GetProperty("disabled").GetBoolean(),
            Fillable = result.GetProperty("fillable").GetBoolean(),
            ReadOnly = result.GetProperty("readOnly").GetBoolean(),
        };
        return tag switch
        {
            "select" => probe with
            {
                Options = [.. result.GetProperty("options").EnumerateArray().Select(o => new SelectOption(o[0].GetString() ?? "", o[1].GetString() ?? ""))],
            },
            "option" => probe with
            {
                OptionIndex = result.GetProperty("optionIndex").GetInt32(),
                SelectNode = int.TryParse(result.GetProperty("selectNode").GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var select) ? select : null,
                SelectDisabled = result.GetProperty("selectDisabled").GetBoolean(),
            },
            _ => probe,
        };
    }

    /// <summary>The element as a failure message names it, for example <c>&lt;input type=text&gt;</c>.</summary>
    public string Describe() => string.IsNullOrEmpty(Type) ? $"<{Tag}>" : $"<{Tag} type={Type}>";
}

/// <summary>One option of a select, as its probe lists it.</summary>
internal readonly record struct SelectOption(string Label, string Value);
