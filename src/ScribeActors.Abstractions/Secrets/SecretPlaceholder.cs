using System.Text.RegularExpressions;

namespace ScribeActors.Abstractions;

/// <summary>
/// The one syntax for naming a secret where its value is needed: <c>{{secret:NAME}}</c>. Objectives, recorded steps and
/// typed text carry the placeholder; only the browser silo, at the moment it types, replaces it with the value its secret
/// provider holds.
/// </summary>
/// <remarks>
/// NAME is an ASCII letter followed by up to 63 ASCII letters, digits or underscores, never two underscores in a row
/// (configuration reads <c>__</c> in an environment variable as a section separator). The name is matched ignoring
/// case, as configuration keys are, so <c>{{secret:Supplier_Password}}</c> and <c>{{secret:supplier_password}}</c> are
/// the same secret. Anything that starts like a placeholder (<c>{{</c>, optional spaces, <c>secret</c> in any case) but
/// is not exactly this shape is malformed and rejected, so a typo never types the placeholder's text into a page.
/// This lives with the contracts (as <see cref="HostPattern"/> does) because clients, the agent and the browser adapter
/// all read it, and the browser adapter references nothing but the contracts.
/// </remarks>
public static partial class SecretPlaceholder
{
    /// <summary>What every placeholder starts with.</summary>
    public const string Prefix = "{{secret:";

    /// <summary>What every placeholder ends with.</summary>
    public const string Suffix = "}}";

    /// <summary>The longest secret name.</summary>
    public const int MaxNameLength = 64;

    /// <summary>The naming rule, for messages.</summary>
    public const string NameRule = "NAME is a letter followed by up to 63 letters, digits or single underscores";

    /// <summary>The placeholder for <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a valid secret name.</exception>
    public static string For(string name) => IsValidName(name)
        ? Prefix + name + Suffix
        : throw new ArgumentException($"'{name}' is not a valid secret name: {NameRule}.", nameof(name));

    /// <summary>Whether <paramref name="name"/> may name a secret (see the remarks on <see cref="SecretPlaceholder"/>).</summary>
    public static bool IsValidName(string? name) =>
        name is { Length: > 0 and <= MaxNameLength }
        && char.IsAsciiLetter(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
        && !name.Contains("__", StringComparison.Ordinal);

    /// <summary>Whether <paramref name="text"/> holds anything that starts like a placeholder, well-formed or not.</summary>
    public static bool Contains(string? text) => text is not null && Start().IsMatch(text);

    /// <summary>The distinct names of the well-formed placeholders in <paramref name="text"/>, in order of appearance
    /// (compared ignoring case; the first spelling is kept).</summary>
    public static IReadOnlyList<string> Names(string? text)
    {
        var names = new List<string>();
        if (text is null)
        {
            return names;
        }

        foreach (Match match in WellFormed().Matches(text))
        {
            var name = match.Groups[1].Value;
            if (IsValidName(name) && !names.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>The malformed placeholders of <paramref name="text"/>, each as written (cut at 60 characters).</summary>
    public static IReadOnlyList<string> Malformed(string? text)
    {
        var bad = new List<string>();
        if (text is null)
        {
            return bad;
        }

        foreach (Match start in Start().Matches(text))
        {
            var exact = WellFormed().Match(text, start.Index);
            if (exact.Success && exact.Index == start.Index && IsValidName(exact.Groups[1].Value))
            {
                continue;
            }

            var close = text.IndexOf(Suffix, start.Index + 2, StringComparison.Ordinal);
            var end = close < 0 ? text.Length : close + Suffix.Length;
            var written = text[start.Index..end];
            bad.Add(written.Length > 60 ? written[..60] + "…" : written);
        }

        return bad;
    }

    /// <summary>One message per malformed placeholder of <paramref name="text"/>, naming <paramref name="field"/>.</summary>
    public static IEnumerable<string> Validate(string? text, string field) =>
        Malformed(text).Select(bad =>
            $"{field}: '{bad}' is not a valid secret placeholder; write {Prefix}NAME{Suffix}, where {NameRule} (at most {MaxNameLength}).");

    /// <summary>Replaces every well-formed placeholder of <paramref name="text"/> with <paramref name="valueOf"/>'s answer
    /// for its name. The caller checks <see cref="Malformed"/> first.</summary>
    public static string Replace(string text, Func<string, string> valueOf)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(valueOf);
        return WellFormed().Replace(text, m => IsValidName(m.Groups[1].Value) ? valueOf(m.Groups[1].Value) : m.Value);
    }

    [GeneratedRegex(@"\{\{secret:([A-Za-z0-9_]{1,64})\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex WellFormed();

    [GeneratedRegex(@"\{\{\s*secret", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Start();
}
