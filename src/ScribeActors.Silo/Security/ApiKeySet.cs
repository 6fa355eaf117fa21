using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ScribeActors.Silo.Security;

/// <summary>The configured API keys, compared in constant time: a candidate is hashed and checked against every key's
/// hash with <see cref="CryptographicOperations.FixedTimeEquals"/>, so neither the position of the first differing
/// character nor the key's length nor which key matched shows in the time taken.</summary>
public sealed class ApiKeySet
{
    private readonly byte[][] _hashes;

    /// <summary>Creates the set from the options.</summary>
    public ApiKeySet(IOptions<ScribeAuthOptions> options)
        : this(options.Value.KeyList)
    {
    }

    /// <summary>Creates the set from raw keys.</summary>
    public ApiKeySet(IEnumerable<string> keys) => _hashes = [.. keys.Select(Hash)];

    /// <summary>True when at least one key is configured, so callers must present one.</summary>
    public bool Required => _hashes.Length > 0;

    /// <summary>True when <paramref name="candidate"/> is one of the keys.</summary>
    public bool Matches(string? candidate)
    {
        if (candidate is null)
        {
            return false;
        }

        var hash = Hash(candidate);
        var match = false;
        foreach (var key in _hashes)
        {
            match |= CryptographicOperations.FixedTimeEquals(hash, key);
        }

        return match;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
