using ScribeActors.Abstractions;

namespace ScribeActors.DemoSites.Tasks;

/// <summary>Builds expert-script steps with ScribeAgent-style descriptions (<c>Click "Sign in"</c>, <c>Type "alice"</c>).</summary>
internal static class Steps
{
    public static ScriptedStep Click(string selector, string text) =>
        new() { Description = $"Click \"{text}\"", Action = StepActions.Click, Selector = selector };

    public static ScriptedStep Type(string selector, string text) =>
        new() { Description = $"Type \"{text}\"", Action = StepActions.Type, Selector = selector, Value = text };

    /// <summary>A key press on the element <paramref name="selector"/> (focused first).</summary>
    public static ScriptedStep Press(string key, string selector) =>
        new() { Description = $"Press \"{key}\"", Action = StepActions.KeyCombination, Selector = selector, Value = key };

    public static ScriptedStep Select(string selector, string label) =>
        new() { Description = $"Select \"{label}\"", Action = StepActions.SelectOption, Selector = selector, Value = label };

    public static ScriptedStep Finish(string? answer = null) =>
        new() { Description = answer is null ? "Finish" : $"Answer \"{answer}\"", Action = StepActions.Finish, Value = answer };

    /// <summary>Fills the sign-in form and submits it with the button, or with Enter in the password field.
    /// <paramref name="password"/> is the password's secret placeholder.</summary>
    public static IEnumerable<ScriptedStep> SignIn(string username, string password, bool pressEnter = false)
    {
        yield return Type("input[name=\"username\"]", username);
        yield return Type("input[name=\"password\"]", password);
        yield return pressEnter ? Press("Enter", "input[name=\"password\"]") : Click("button:has-text(\"Sign in\")", "Sign in");
    }
}
