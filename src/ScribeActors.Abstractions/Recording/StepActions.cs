namespace ScribeActors.Abstractions;

/// <summary>The action tokens of recorded and generated steps.</summary>
public static class StepActions
{
    /// <summary>ScribeAgent: click the target.</summary>
    public const string Click = "mouse_click_action";

    /// <summary>ScribeAgent: type a character sequence into the target.</summary>
    public const string Type = "keyboard_sequence_action";

    /// <summary>ScribeAgent: press a key combination.</summary>
    public const string KeyCombination = "keyboard_combination_action";

    /// <summary>Controller: choose an option of a select element.</summary>
    public const string SelectOption = "select_option_action";

    /// <summary>Controller: scroll the page or the target into view.</summary>
    public const string Scroll = "scroll_action";

    /// <summary>Controller: go back one page.</summary>
    public const string GoBack = "go_back_action";

    /// <summary>Controller: navigate to a URL.</summary>
    public const string Goto = "goto_action";

    /// <summary>Controller: the objective is reached; the value carries the answer, if any.</summary>
    public const string Finish = "finish_action";

    /// <summary>Every known token.</summary>
    public static IReadOnlyList<string> All { get; } = [Click, Type, KeyCombination, SelectOption, Scroll, GoBack, Goto, Finish];

    /// <summary>Whether the token needs a target element.</summary>
    public static bool NeedsTarget(string action) => action is Click or Type or SelectOption;
}
