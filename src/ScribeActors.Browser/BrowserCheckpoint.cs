namespace ScribeActors.Browser;

/// <summary>What is needed to rebuild a session elsewhere: the page URL and the Playwright storage state
/// (cookies and local storage) as JSON.</summary>
/// <param name="Url">The page URL at checkpoint time.</param>
/// <param name="StorageStateJson">The storage state, to pass back as <see cref="BrowserSessionOptions.StorageStateJson"/>.</param>
public sealed record BrowserCheckpoint(string Url, string StorageStateJson);
