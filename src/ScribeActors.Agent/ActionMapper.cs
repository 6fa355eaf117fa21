using ScribeActors.Abstractions;

namespace ScribeActors.Agent;

/// <summary>Maps a step (action token, node, description, value, target tag) to a concrete <see cref="BrowserAction"/>,
/// a finish, or an error that says why the step cannot be performed (scribeagent-format.md §2.5-2.6 plus the
/// controller steps of <see cref="StepActions"/>).</summary>
/// <remarks>
/// <list type="table">
/// <item><term><c>mouse_click_action</c></term><description><see cref="BrowserAction.Click"/>; an error when the target
/// is an <c>&lt;option&gt;</c> (options are chosen with <c>select_option_action</c> on their select); a click on a
/// <c>&lt;select&gt;</c> stays a click.</description></item>
/// <item><term><c>keyboard_sequence_action</c></term><description><see cref="BrowserAction.Type"/> with the value, else
/// the quoted text of the description (<c>Type "New York"</c>, <c>Enter 'x'</c>, <c>In "City", type "Oslo"</c> gives
/// Oslo); an error when there is neither.</description></item>
/// <item><term><c>keyboard_combination_action</c></term><description><see cref="BrowserAction.Key"/> on the node, if
/// any, with the value or the description's quoted (or <c>Press Enter</c>-style unquoted) keys, normalised to Playwright
/// names (<c>ctrl+a</c> → <c>Control+A</c>, <c>esc</c> → <c>Escape</c>, <c>pagedown</c> → <c>PageDown</c>);
/// <c>Meta</c> stays <c>Meta</c>.</description></item>
/// <item><term><c>select_option_action</c></term><description><see cref="BrowserAction.Select"/> with the value or the
/// quoted option of the description; the target must be the select, not an option.</description></item>
/// <item><term><c>scroll_action</c></term><description><see cref="BrowserAction.Scroll"/>, direction from the value
/// (<c>up</c>/<c>down</c>), else from the description (<c>Scroll up</c>), default <c>down</c>.</description></item>
/// <item><term><c>go_back_action</c></term><description><see cref="BrowserAction.Back"/>.</description></item>
/// <item><term><c>goto_action</c></term><description><see cref="BrowserAction.Goto"/> with the value or the first URL
/// of the description; it must be an absolute http(s) URL (the browser checks the host allow-list).</description></item>
/// <item><term><c>finish_action</c></term><description>a finish with the value, else the quoted text of the
/// description, as the answer (none when neither).</description></item>
/// </list>
/// A value of <see langword="null"/> means "not given"; an empty string is a value (typing "" clears the field).
/// </remarks>
public static class ActionMapper
{
    private static readonly string[] TypeVerbs = ["type", "enter", "input", "write", "fill in", "fill", "with", "search for", "search"];
    private static readonly string[] SelectVerbs = ["select", "choose", "pick", "option"];
    private static readonly string[] KeyVerbs = ["press", "hit", "key", "keys"];
    private static readonly string[] FinishVerbs = ["answer", "answer is", "result", "result is"];

    /// <summary>Maps one step.</summary>
    /// <param name="action">The action token (see <see cref="StepActions"/>); matched ignoring case and surrounding whitespace.</param>
    /// <param name="node">The target's node id, when the step has one.</param>
    /// <param name="description">The step description.</param>
    /// <param name="value">Typed text, key combination, option, scroll direction, URL or answer, when given.</param>
    /// <param name="targetTag">The target's opening tag (<c>&lt;option node="3"&gt;</c>) or bare tag name (<c>option</c>), when known.</param>
    /// <returns>An action, a finish, or an error naming the action and the problem.</returns>
    public static StepMapping Map(string action, int? node, string description, string? value, string? targetTag)
    {
        var token = action?.Trim().ToLowerInvariant() ?? "";
        description ??= "";
        if (token.Length == 0)
        {
            return StepMapping.Fail($"The step has no action; known actions: {Known}.");
        }

        if (!StepActions.All.Contains(token))
        {
            return StepMapping.Fail($"Unknown action \"{action!.Trim()}\"; known actions: {Known}.");
        }

        if (node is null && StepActions.NeedsTarget(token))
        {
            return StepMapping.Fail($"{token} needs a target node, but the step has none.");
        }

        var tag = TagName(targetTag);
        return token switch
        {
            StepActions.Click => MapClick(node!.Value, tag),
            StepActions.Type => MapType(node!.Value, description, value),
            StepActions.KeyCombination => MapKey(node, description, value),
            StepActions.SelectOption => MapSelect(node!.Value, description, value, tag),
            StepActions.Scroll => MapScroll(node, description, value),
            StepActions.GoBack => StepMapping.Perform(BrowserAction.Back()),
            StepActions.Goto => MapGoto(description, value),
            _ => StepMapping.Finish(value ?? DescriptionText.Quoted(description, FinishVerbs)),
        };
    }

    private static string Known => string.Join(", ", StepActions.All);

    private static StepMapping MapClick(int node, string? tag) =>
        tag == "option"
            ? StepMapping.Fail($"{StepActions.Click} targets an <option> (node {node}); choose options with {StepActions.SelectOption} on their <select>, giving the option's label as the value.")
            : StepMapping.Perform(BrowserAction.Click(node));

    private static StepMapping MapType(int node, string description, string? value)
    {
        var text = value ?? DescriptionText.Quoted(description, TypeVerbs);
        return text is null
            ? StepMapping.Fail($"{StepActions.Type} needs the text to type: give a value or quote it in the description (Type \"New York\"); the description was \"{TextNormalizer.Preview(description)}\".")
            : StepMapping.Perform(BrowserAction.Type(node, text));
    }

    private static StepMapping MapKey(int? node, string description, string? value)
    {
        var keys = value ?? DescriptionText.Quoted(description, KeyVerbs) ?? DescriptionText.UnquotedKeys(description);
        if (keys is null)
        {
            return StepMapping.Fail($"{StepActions.KeyCombination} needs the keys to press: give a value or quote them in the description (Press \"Enter\"); the description was \"{TextNormalizer.Preview(description)}\".");
        }

        var combination = KeyNames.Normalize(keys, out var error);
        return combination is null
            ? StepMapping.Fail($"{StepActions.KeyCombination}: {error}.")
            : StepMapping.Perform(BrowserAction.Key(combination, node));
    }

    private static StepMapping MapSelect(int node, string description, string? value, string? tag)
    {
        if (tag == "option")
        {
            return StepMapping.Fail($"{StepActions.SelectOption} targets an <option> (node {node}); it must target the <select> that holds the option.");
        }

        var option = value ?? DescriptionText.Quoted(description, SelectVerbs);
        return option is null
            ? StepMapping.Fail($"{StepActions.SelectOption} needs the option to choose: give a value or quote it in the description (Select \"Travel\"); the description was \"{TextNormalizer.Preview(description)}\".")
            : StepMapping.Perform(BrowserAction.Select(node, option));
    }

    private static StepMapping MapScroll(int? node, string description, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return StepMapping.Perform(BrowserAction.Scroll(node, DescriptionText.ScrollDirection(description) ?? "down"));
        }

        var direction = value.Trim().ToLowerInvariant();
        return direction is "up" or "down"
            ? StepMapping.Perform(BrowserAction.Scroll(node, direction))
            : StepMapping.Fail($"{StepActions.Scroll} direction must be \"up\" or \"down\"; got \"{TextNormalizer.Preview(value)}\".");
    }

    private static StepMapping MapGoto(string description, string? value)
    {
        var url = value?.Trim() ?? DescriptionText.FirstUrl(description);
        if (url is null)
        {
            return StepMapping.Fail($"{StepActions.Goto} needs a URL: give a value or write an http(s) URL in the description; the description was \"{TextNormalizer.Preview(description)}\".");
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? StepMapping.Perform(BrowserAction.Goto(url))
            : StepMapping.Fail($"{StepActions.Goto} needs an absolute http(s) URL; got \"{TextNormalizer.Preview(url)}\".");
    }

    /// <summary>The lower-case tag name of an opening tag (<c>&lt;option node="3"&gt;</c>) or a bare name (<c>option</c>);
    /// <see langword="null"/> when there is none.</summary>
    /// <param name="target">The opening tag or tag name.</param>
    public static string? TagName(string? target)
    {
        if (string.IsNullOrWhiteSpace(target))
        {
            return null;
        }

        var s = target.Trim();
        var start = s[0] == '<' ? 1 : 0;
        var end = start;
        while (end < s.Length && (char.IsAsciiLetterOrDigit(s[end]) || s[end] is '-' or ':' or '_'))
        {
            end++;
        }

        return end > start ? s[start..end].ToLowerInvariant() : null;
    }
}
