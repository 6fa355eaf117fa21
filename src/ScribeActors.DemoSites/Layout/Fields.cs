using System.Text;

namespace ScribeActors.DemoSites.Layout;

/// <summary>Renders labelled form fields with their validation errors. Ids and classes come from the layout; names and
/// labels are stable.</summary>
internal static class Fields
{
    public static string Input(SiteLayout l, string name, string label, string? value, string? error,
        string type = "text", string? extraAttributes = null)
    {
        var id = l.Id("f-" + name);
        return Wrap(l, name, error, $"<label for=\"{id}\">{Html.E(label)}</label>" +
            $"<input id=\"{id}\" type=\"{type}\" name=\"{name}\" value=\"{Html.E(value)}\"{Invalid(l, name, error)}{Extra(extraAttributes)}>");
    }

    public static string TextArea(SiteLayout l, string name, string label, string? value, string? error, string? extraAttributes = null)
    {
        var id = l.Id("f-" + name);
        return Wrap(l, name, error, $"<label for=\"{id}\">{Html.E(label)}</label>" +
            $"<textarea id=\"{id}\" name=\"{name}\" rows=\"4\"{Invalid(l, name, error)}{Extra(extraAttributes)}>{Html.E(value)}</textarea>");
    }

    public static string Select(SiteLayout l, string name, string label, IEnumerable<(string Value, string Label)> options,
        string? selected, string? error, string placeholder)
    {
        var id = l.Id("f-" + name);
        var html = new StringBuilder();
        html.Append($"<label for=\"{id}\">{Html.E(label)}</label><select id=\"{id}\" name=\"{name}\"{Invalid(l, name, error)}>");
        html.Append($"<option value=\"\">{Html.E(placeholder)}</option>");
        foreach (var (value, text) in options)
        {
            var isSelected = string.Equals(value, selected, StringComparison.Ordinal) ? " selected" : "";
            html.Append($"<option value=\"{Html.E(value)}\"{isSelected}>{Html.E(text)}</option>");
        }

        html.Append("</select>");
        return Wrap(l, name, error, html.ToString());
    }

    public static string Checkbox(SiteLayout l, string name, string label, bool isChecked, string? error)
    {
        var id = l.Id("f-" + name);
        return Wrap(l, name, error, $"<input id=\"{id}\" type=\"checkbox\" name=\"{name}\" value=\"yes\"{(isChecked ? " checked" : "")}" +
            $"{Invalid(l, name, error)}><label for=\"{id}\">{Html.E(label)}</label>", l.Cls("check"));
    }

    /// <summary>The box listing every error at the top of a form; empty when there are none.</summary>
    public static string ErrorSummary(SiteLayout l, IReadOnlyDictionary<string, string> errors)
    {
        if (errors.Count == 0)
        {
            return "";
        }

        var html = new StringBuilder($"<div class=\"{l.Cls("error-summary")}\" role=\"alert\" id=\"{l.Id("error-summary")}\">");
        html.Append("<strong>Please correct the errors below.</strong><ul>");
        foreach (var message in errors.Values)
        {
            html.Append($"<li>{Html.E(message)}</li>");
        }

        return html.Append("</ul></div>").ToString();
    }

    private static string Wrap(SiteLayout l, string name, string? error, string inner, string? extraClass = null)
    {
        var cls = extraClass is null ? l.Cls("field") : $"{l.Cls("field")} {extraClass}";
        var err = error is null ? "" : $"<p class=\"{l.Cls("field-error")}\" id=\"{l.Id("err-" + name)}\">{Html.E(error)}</p>";
        return $"<div class=\"{cls}\">{inner}{err}</div>";
    }

    private static string Invalid(SiteLayout l, string name, string? error) =>
        error is null ? "" : $" class=\"{l.Cls("invalid")}\" aria-invalid=\"true\" aria-describedby=\"{l.Id("err-" + name)}\"";

    private static string Extra(string? attributes) => attributes is null ? "" : " " + attributes;
}
