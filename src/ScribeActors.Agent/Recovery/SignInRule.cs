using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Recovery;

/// <summary>
/// Which steps sign in: a click on, or a key press in, an element of a form that holds a password field. Signing in again
/// changes nothing on a server, so recovery may take such a step again although clicks are not idempotent; and a session
/// rebuilt from its checkpoint usually still carries the sign-in cookie, so the page no longer asks for it and nothing is
/// posted twice (see <see cref="InterruptedActionRule"/>).
/// </summary>
/// <remarks>A sign-up or change-password form has a password field too; taken again after a crash, the site refuses a
/// duplicate account or sets the same password again.</remarks>
public static class SignInRule
{
    /// <summary>Whether <paramref name="action"/> on <paramref name="dom"/> submits (or types into and presses a key in)
    /// a form with a password field.</summary>
    public static bool SubmitsSignIn(DomIndex dom, BrowserAction action)
    {
        ArgumentNullException.ThrowIfNull(dom);
        ArgumentNullException.ThrowIfNull(action);
        if (action.Kind is not (BrowserActionKind.Click or BrowserActionKind.Key) || action.NodeId is not { } node || dom.Find(node) is not { } element)
        {
            return false;
        }

        return element.Closest("form")?.QuerySelector("input[type=password i]") is not null;
    }
}
