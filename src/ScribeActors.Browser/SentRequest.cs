namespace ScribeActors.Browser;

/// <summary>A request that may change server state, about to leave the browser during an action
/// (see <see cref="BrowserSessionOptions.BeforeRequestSent"/>), or a download the server answered an action with.</summary>
/// <param name="Method">The HTTP method (POST, PUT, PATCH, DELETE, ...; GET for a download).</param>
/// <param name="Url">The request URL.</param>
public sealed record SentRequest(string Method, string Url)
{
    /// <summary>The server answered with a file to download. HTTP calls a GET safe, but servers count downloads (an
    /// invoice marked as fetched), so one is reported as soon as it starts, and never taken again but under the <see cref="IdempotencyKey"/> it carried.</summary>
    public bool Download { get; init; }

    /// <summary>Not a request that changes anything: the top-frame page an action's reported request led to (the GET a
    /// post-redirect-get sends after the post), reported before that page loads. A workflow whose page is rebuilt from
    /// an older checkpoint goes on from there. <see cref="Url"/> is not masked: it is where to go.</summary>
    public bool Landing { get; init; }

    /// <summary>The <c>Idempotency-Key</c> header sent with the request (see <see cref="BrowserSessionOptions.IdempotencyKey"/>),
    /// if any.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Whether a request with <paramref name="method"/> is safe by HTTP's definition (changes nothing on the server).</summary>
    public static bool IsSafe(string method) =>
        method.Equals("GET", StringComparison.OrdinalIgnoreCase) || method.Equals("HEAD", StringComparison.OrdinalIgnoreCase)
        || method.Equals("OPTIONS", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override string ToString() => Download ? $"{Method} {Url} (a download)" : Landing ? $"{Method} {Url} (where it led)" : $"{Method} {Url}";
}
