namespace ScribeActors.Abstractions;

/// <summary>The operations a browser session can perform.</summary>
[GenerateSerializer, Alias("scribe.BrowserActionKind")]
public enum BrowserActionKind
{
    /// <summary>Click the element with <see cref="BrowserAction.NodeId"/>.</summary>
    Click = 0,

    /// <summary>Clear the field with <see cref="BrowserAction.NodeId"/>, then type <see cref="BrowserAction.Text"/>.</summary>
    Type = 1,

    /// <summary>Press the key combination in <see cref="BrowserAction.Text"/> (for example <c>Enter</c> or <c>Control+A</c>),
    /// on the element with <see cref="BrowserAction.NodeId"/> when one is given, else on the page.</summary>
    Key = 2,

    /// <summary>Choose the option whose label (or value) is <see cref="BrowserAction.Text"/> in the select element
    /// with <see cref="BrowserAction.NodeId"/>.</summary>
    Select = 3,

    /// <summary>Scroll the element with <see cref="BrowserAction.NodeId"/> into view, or, without a node, scroll the page
    /// one viewport in the direction named by <see cref="BrowserAction.Text"/> (<c>down</c>, the default, or <c>up</c>).</summary>
    Scroll = 4,

    /// <summary>Navigate to <see cref="BrowserAction.Url"/>; the host must be on the session's allow-list.</summary>
    Goto = 5,

    /// <summary>Go back one entry in the session's history.</summary>
    Back = 6,
}
