namespace ScribeActors.Browser;

/// <summary>Chromium cannot be used: it is not installed where configured, fails to start, or has gone away.
/// The message says what is missing and how to provide it.</summary>
public sealed class BrowserUnavailableException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public BrowserUnavailableException()
        : base("The browser is unavailable.")
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public BrowserUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and the error that caused it.</summary>
    public BrowserUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
