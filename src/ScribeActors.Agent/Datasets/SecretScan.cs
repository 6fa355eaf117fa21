using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ScribeActors.Agent.Datasets;

/// <summary>
/// Looks for the values of the configured secrets in bytes about to be written. A value is looked for as it is and in
/// every escaped form a dataset file can give it (HTML entities, JSON strict and relaxed escaping, CSV's doubled
/// quotes), so a value that went through a serializer is found too. Messages name the secret and the place, never the
/// value.
/// </summary>
public sealed class SecretScan
{
    private readonly (string Name, byte[] Needle)[] _needles;

    /// <summary>Creates a scan for <paramref name="secrets"/> (name → value); empty values are ignored.</summary>
    public SecretScan(IReadOnlyDictionary<string, string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _needles =
        [
            .. secrets
                .Where(s => !string.IsNullOrEmpty(s.Value))
                .OrderBy(s => s.Key, StringComparer.Ordinal)
                .SelectMany(s => Forms(s.Value).Select(form => (s.Key, Encoding.UTF8.GetBytes(form)))),
        ];
        SecretCount = secrets.Count(s => !string.IsNullOrEmpty(s.Value));
    }

    /// <summary>How many secret values are looked for.</summary>
    public int SecretCount { get; }

    /// <summary>The name of the first secret whose value occurs in <paramref name="bytes"/>, or <see langword="null"/>.</summary>
    public string? Find(ReadOnlySpan<byte> bytes)
    {
        foreach (var (name, needle) in _needles)
        {
            if (bytes.IndexOf(needle) >= 0)
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>Throws <see cref="SecretLeakException"/> naming <paramref name="what"/> when a value occurs in
    /// <paramref name="bytes"/>.</summary>
    public void Check(ReadOnlySpan<byte> bytes, string what)
    {
        if (Find(bytes) is { } name)
        {
            throw new SecretLeakException(what, name);
        }
    }

    /// <summary>Checks <paramref name="text"/> as its UTF-8 bytes (see <see cref="Check(ReadOnlySpan{byte}, string)"/>).</summary>
    public void Check(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        Check(Encoding.UTF8.GetBytes(text), what);
    }

    private static IEnumerable<string> Forms(string value)
    {
        var bases = new[] { value, WebUtility.HtmlEncode(value) };
        return bases
            .SelectMany(b => new[]
            {
                b,
                JsonEncodedText.Encode(b).Value,
                JsonEncodedText.Encode(b, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value,
                b.Replace("\"", "\"\"", StringComparison.Ordinal),
            })
            .Distinct(StringComparer.Ordinal);
    }
}
