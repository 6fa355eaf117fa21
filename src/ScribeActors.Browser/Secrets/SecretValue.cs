using ScribeActors.Abstractions;

namespace ScribeActors.Browser.Secrets;

/// <summary>A secret's value and the hosts it may be typed on. <see cref="ToString"/> never shows the value.</summary>
public sealed class SecretValue
{
    /// <summary>The fewest characters a value may have: shorter text is too common to be masked out of pages without
    /// masking unrelated text.</summary>
    public const int MinimumLength = 4;

    /// <summary>Creates a secret.</summary>
    /// <param name="value">The value; at least <see cref="MinimumLength"/> characters.</param>
    /// <param name="allowedHosts">Hosts (<c>host</c>, <c>host:port</c> or <c>*.domain</c>, as in a workflow's allowed hosts)
    /// whose pages may receive the value; empty or <see langword="null"/> for any host the session may visit.</param>
    /// <exception cref="ArgumentException">The value is too short or a host entry is blank.</exception>
    public SecretValue(string value, IEnumerable<string>? allowedHosts = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length < MinimumLength)
        {
            throw new ArgumentException($"A secret value needs at least {MinimumLength} characters.", nameof(value));
        }

        Value = value;
        AllowedHosts = [.. (allowedHosts ?? []).Select(h => h?.Trim() ?? "")];
        if (AllowedHosts.Any(h => h.Length == 0))
        {
            throw new ArgumentException("An allowed host of a secret is blank.", nameof(allowedHosts));
        }
    }

    /// <summary>The value.</summary>
    public string Value { get; }

    /// <summary>The hosts whose pages may receive the value; empty for any.</summary>
    public IReadOnlyList<string> AllowedHosts { get; }

    /// <summary>Whether a page of <paramref name="origin"/> may receive the value: any page when
    /// <see cref="AllowedHosts"/> is empty, else only an http(s) page whose host matches an entry.</summary>
    public bool IsAllowedOn(Uri origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        return AllowedHosts.Count == 0 || (origin.Scheme is "http" or "https" && HostPattern.IsAllowed(origin, AllowedHosts));
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"secret value ({Value.Length} characters, not shown; allowed hosts: {(AllowedHosts.Count == 0 ? "any" : string.Join(", ", AllowedHosts))})";
}
