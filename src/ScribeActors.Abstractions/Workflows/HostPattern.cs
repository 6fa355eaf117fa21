namespace ScribeActors.Abstractions;

/// <summary>Host allow-list matching shared by the client, the workflow and the browser session.</summary>
public static class HostPattern
{
    /// <summary>The host of <paramref name="uri"/>, with the port when it is not the scheme's default.</summary>
    public static string Of(Uri uri) => uri.IsDefaultPort ? uri.Host.ToLowerInvariant() : $"{uri.Host.ToLowerInvariant()}:{uri.Port}";

    /// <summary>
    /// Whether <paramref name="uri"/> may be visited. An entry <c>host</c> allows that host on any port,
    /// <c>host:port</c> only that port, and <c>*.example.com</c> any subdomain of example.com.
    /// Non-http(s) URLs other than <c>about:blank</c> are never allowed.
    /// </summary>
    public static bool IsAllowed(Uri uri, IEnumerable<string> allowedHosts)
    {
        if (uri.Scheme == "about")
        {
            return uri.OriginalString == "about:blank";
        }

        if (uri.Scheme is not ("http" or "https"))
        {
            return false;
        }

        var host = uri.Host.ToLowerInvariant();
        foreach (var raw in allowedHosts)
        {
            var entry = raw.Trim().ToLowerInvariant();
            var colon = entry.LastIndexOf(':');
            string entryHost = entry;
            int? entryPort = null;
            if (colon > 0 && int.TryParse(entry[(colon + 1)..], out var port))
            {
                entryHost = entry[..colon];
                entryPort = port;
            }

            var hostMatches = entryHost.StartsWith("*.", StringComparison.Ordinal)
                ? host.EndsWith(entryHost[1..], StringComparison.Ordinal)
                : host == entryHost;
            if (hostMatches && (entryPort is null || entryPort == uri.Port))
            {
                return true;
            }
        }

        return false;
    }
}
