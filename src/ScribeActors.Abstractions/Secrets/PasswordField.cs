using System.Text.RegularExpressions;

namespace ScribeActors.Abstractions;

/// <summary>Tells password fields by how a recording or a step record describes them: what is typed into one is a secret
/// and must be a <see cref="SecretPlaceholder"/>.</summary>
public static partial class PasswordField
{
    /// <summary>Whether <paramref name="signature"/> describes a password field (<c>type="password"</c>).</summary>
    public static bool Is(TargetSignature? signature) =>
        signature is not null && signature.Attributes.TryGetValue("type", out var type) && string.Equals(type.Trim(), "password", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="openingTag"/> (for example <c>&lt;input node="4" type="password"&gt;</c>) is the
    /// opening tag of a password field: an <c>input</c> whose <c>type</c> attribute (not text inside another attribute's
    /// value) is <c>password</c>.</summary>
    public static bool IsTag(string? openingTag)
    {
        var tag = openingTag is null ? null : InputTag().Match(openingTag);
        if (tag is not { Success: true })
        {
            return false;
        }

        foreach (Match attribute in Attribute().Matches(tag.Groups[1].Value))
        {
            if (string.Equals(attribute.Groups["name"].Value, "type", StringComparison.OrdinalIgnoreCase))
            {
                var value = attribute.Groups["double"].Success ? attribute.Groups["double"].Value
                    : attribute.Groups["single"].Success ? attribute.Groups["single"].Value
                    : attribute.Groups["bare"].Value;
                return string.Equals(value.Trim(), "password", StringComparison.OrdinalIgnoreCase);
            }
        }

        return false;
    }

    [GeneratedRegex(@"^\s*<input\b([^>]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InputTag();

    [GeneratedRegex(@"(?<name>[^\s=/>""']+)(?:\s*=\s*(?:""(?<double>[^""]*)""|'(?<single>[^']*)'|(?<bare>[^\s>""']+)))?", RegexOptions.CultureInvariant)]
    private static partial Regex Attribute();
}
