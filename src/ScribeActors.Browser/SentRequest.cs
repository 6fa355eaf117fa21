namespace ScribeActors.Browser;

/// <summary>A request that may change server state, about to leave the browser during an action
/// (see <see cref="BrowserSessionOptions.BeforeRequestSent"/>).</summary>
/// <param name="Method">The HTTP method (POST, PUT, PATCH, DELETE, ...).</param>
/// <param name="Url">The request URL.</param>
public sealed record SentRequest(string Method, string Url)
{
    /// <summary>Whether a request with <paramref name="method"/> is safe by HTTP's definition (changes nothing on the server).</summary>
    public static bool IsSafe(string method) =>
        method.Equals("GET", StringComparison.OrdinalIgnoreCase) || method.Equals("HEAD", StringComparison.OrdinalIgnoreCase)
        || method.Equals("OPTIONS", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override string ToString() => $"{Method} {Url}";
}
