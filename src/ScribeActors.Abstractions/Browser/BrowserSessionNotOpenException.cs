namespace ScribeActors.Abstractions;

/// <summary>The browser session has no open state: it was never opened, it was closed, or its stored checkpoint was
/// lost (for example storage that lost acknowledged writes). A workflow that opened it opens it again.</summary>
[GenerateSerializer, Alias("scribe.BrowserSessionNotOpenException")]
public sealed class BrowserSessionNotOpenException : Exception
{
    /// <summary>Creates the exception for <paramref name="sessionId"/>.</summary>
    public BrowserSessionNotOpenException(string sessionId)
        : base($"Browser session '{sessionId}' is not open: call OpenAsync first.") => SessionId = sessionId;

    /// <summary>The session's key (the workflow id).</summary>
    [Id(0)] public string SessionId { get; init; }
}
