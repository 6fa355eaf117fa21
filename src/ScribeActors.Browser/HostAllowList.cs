using ScribeActors.Abstractions;

namespace ScribeActors.Browser;

/// <summary>A session's host allow-list, checked on every top-frame navigation.</summary>
internal sealed class HostAllowList
{
    private readonly string[] _entries;

    public HostAllowList(IReadOnlyList<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries, nameof(BrowserSessionOptions.AllowedHosts));
        for (var i = 0; i < entries.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(entries[i]))
            {
                throw new ArgumentException($"AllowedHosts[{i}] is empty: give a host, host:port or *.domain entry.", nameof(entries));
            }

            if (entries[i].Contains('/', StringComparison.Ordinal))
            {
                throw new ArgumentException($"AllowedHosts[{i}] '{entries[i]}' looks like a URL: give only the host (and port), for example 127.0.0.1:5100.", nameof(entries));
            }
        }

        _entries = [.. entries.Select(e => e.Trim())];
    }

    /// <summary>The entries, for messages.</summary>
    public string Describe() => _entries.Length == 0 ? "(empty)" : string.Join(", ", _entries);

    public bool IsAllowed(Uri uri) => HostPattern.IsAllowed(uri, _entries);

    public bool IsAllowed(string url) => TryParseAbsolute(url, out var uri) && IsAllowed(uri);

    /// <summary>Parses an absolute URL with a scheme. Unlike <see cref="Uri.TryCreate(string, UriKind, out Uri)"/> on
    /// Unix, a rooted path such as <c>/account</c> is not taken for a file URL.</summary>
    public static bool TryParseAbsolute(string? url, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Uri? uri)
    {
        uri = null;
        if (string.IsNullOrWhiteSpace(url) || url.StartsWith('/') || url.StartsWith('\\'))
        {
            return false;
        }

        return Uri.TryCreate(url, UriKind.Absolute, out uri);
    }

    /// <summary>Why <paramref name="uri"/> may not be visited, for messages.</summary>
    public string WhyNotAllowed(Uri uri) => uri.Scheme is "http" or "https"
        ? $"host '{HostPattern.Of(uri)}' is not in the allowed hosts ({Describe()})"
        : $"'{uri.Scheme}:' URLs are not allowed (only http and https URLs on the allowed hosts: {Describe()})";
}
