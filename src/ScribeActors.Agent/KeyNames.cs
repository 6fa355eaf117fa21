using System.Globalization;

namespace ScribeActors.Agent;

/// <summary>Normalises key combinations written by people or models (<c>ctrl+a</c>, <c>Page Down</c>, <c>esc</c>) to
/// Playwright key names joined with <c>+</c> (<c>Control+A</c>, <c>PageDown</c>, <c>Escape</c>).</summary>
internal static class KeyNames
{
    private static readonly Dictionary<string, string> Aliases = BuildAliases();

    /// <summary>Normalises <paramref name="combination"/>; returns <see langword="null"/> and an error naming the
    /// unknown part when a key is not known.</summary>
    public static string? Normalize(string combination, out string? error)
    {
        error = null;
        var text = combination.Trim();
        if (text.Length == 0)
        {
            error = "the key combination is empty";
            return null;
        }

        if (text == "+")
        {
            return "+";
        }

        // "Control++" presses Control and the plus key.
        var endsWithPlusKey = text.Length > 2 && text.EndsWith("++", StringComparison.Ordinal);
        var parts = (endsWithPlusKey ? text[..^2] : text).Split('+').Select(p => p.Trim()).ToList();
        if (endsWithPlusKey)
        {
            parts.Add("+");
        }

        var keys = new List<string>(parts.Count);
        foreach (var part in parts)
        {
            if (part.Length == 0)
            {
                error = $"the key combination \"{combination}\" has an empty key";
                return null;
            }

            if (part.Length == 1)
            {
                // A lone character is a key as written; after modifiers a letter is written upper-case (Control+A).
                keys.Add(parts.Count > 1 && char.IsLetter(part[0]) ? part.ToUpperInvariant() : part);
                continue;
            }

            var compact = string.Concat(part.Where(c => !char.IsWhiteSpace(c) && c is not '_' and not '-')).ToLowerInvariant();
            if (!Aliases.TryGetValue(compact, out var name))
            {
                error = $"unknown key \"{part}\" in \"{combination}\" (use names such as Enter, Tab, Escape, Backspace, ArrowDown, PageDown, F5, Control+A)";
                return null;
            }

            keys.Add(name);
        }

        return string.Join('+', keys);
    }

    private static Dictionary<string, string> BuildAliases()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string canonical, params string[] aliases)
        {
            map[canonical.ToLowerInvariant()] = canonical;
            foreach (var alias in aliases)
            {
                map[alias] = canonical;
            }
        }

        Add("Enter", "return");
        Add("Control", "ctrl", "ctl");
        Add("Meta", "cmd", "command", "win", "windows", "super");
        Add("ControlOrMeta", "ctrlormeta", "ctrlorcmd");
        Add("Alt", "option", "opt");
        Add("Shift");
        Add("Escape", "esc");
        Add("Tab");
        Add("Space", "spacebar");
        Add("Backspace", "bksp");
        Add("Delete", "del");
        Add("Insert", "ins");
        Add("Home");
        Add("End");
        Add("PageUp", "pgup");
        Add("PageDown", "pgdn", "pgdown");
        Add("ArrowUp", "up", "uparrow");
        Add("ArrowDown", "down", "downarrow");
        Add("ArrowLeft", "left", "leftarrow");
        Add("ArrowRight", "right", "rightarrow");
        Add("CapsLock");
        Add("NumLock");
        Add("ScrollLock");
        Add("Pause");
        Add("PrintScreen", "prtsc", "printscr");
        Add("ContextMenu", "menu");
        Add("Backquote");
        Add("Minus");
        Add("Equal");
        Add("Backslash");
        Add("BracketLeft");
        Add("BracketRight");
        Add("Semicolon");
        Add("Quote");
        Add("Comma");
        Add("Period");
        Add("Slash");
        Add("NumpadEnter");
        for (var i = 1; i <= 12; i++)
        {
            Add("F" + i.ToString(CultureInfo.InvariantCulture));
        }

        for (var d = 0; d <= 9; d++)
        {
            Add("Digit" + d.ToString(CultureInfo.InvariantCulture));
            Add("Numpad" + d.ToString(CultureInfo.InvariantCulture));
        }

        for (var c = 'A'; c <= 'Z'; c++)
        {
            Add("Key" + c);
        }

        return map;
    }
}
