namespace ScribeActors.Browser;

/// <summary>Reads Playwright error messages, which are the only way it reports what went wrong.</summary>
internal static class PlaywrightErrors
{
    /// <summary>The message without Playwright's call log.</summary>
    public static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        var line = end < 0 ? message : message[..end];
        return line.Trim().TrimEnd(':', '.');
    }

    /// <summary>The page, context or browser has gone away.</summary>
    public static bool IsClosed(Exception ex) =>
        Contains(ex, "has been closed") || Contains(ex, "Target closed") || Contains(ex, "Browser closed") ||
        Contains(ex, "Connection closed") || Contains(ex, "Target crashed") || Contains(ex, "Playwright connection");

    /// <summary>A navigation replaced the document while a script ran in it.</summary>
    public static bool IsNavigationRace(Exception ex) =>
        Contains(ex, "Execution context was destroyed") || Contains(ex, "Cannot find context") ||
        Contains(ex, "because of a navigation") || Contains(ex, "Frame was detached") || Contains(ex, "Inspected target navigated");

    public static bool Contains(Exception ex, string text) => ex.Message.Contains(text, StringComparison.OrdinalIgnoreCase);
}
