using System.Text;
using ScribeActors.Abstractions;

namespace ScribeActors.Agent.Secrets;

/// <summary>
/// The name a password field's secret gets when a recording (or an old stored workflow) typed clear text into it and
/// nobody chose one: <c>&lt;host&gt;_&lt;field&gt;</c>, where host is the page's host without port and field the
/// field's <c>name</c> (else its <c>id</c>, else <c>password</c>), every run of other characters than letters and
/// digits turned into one underscore, lower case, prefixed with <c>site_</c> when it would not start with a letter, at
/// most 64 characters. For example <c>portal.example.com</c> and <c>pwd</c> give <c>portal_example_com_pwd</c>;
/// <c>127.0.0.1</c> and <c>password</c> give <c>site_127_0_0_1_password</c>.
/// </summary>
public static class PasswordSecretNaming
{
    /// <summary>The derived name for a password field on <paramref name="pageUrl"/> with the given name and id attributes.</summary>
    public static string NameFor(string? pageUrl, string? fieldName, string? fieldId)
    {
        var host = Uri.TryCreate(pageUrl, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.Host : "site";
        var field = !string.IsNullOrWhiteSpace(fieldName) ? fieldName : !string.IsNullOrWhiteSpace(fieldId) ? fieldId : "password";
        var name = Sanitize($"{host}_{field}");
        if (name.Length == 0 || !char.IsAsciiLetter(name[0]))
        {
            name = "site_" + name;
        }

        name = name.Length > SecretPlaceholder.MaxNameLength ? name[..SecretPlaceholder.MaxNameLength] : name;
        return name.TrimEnd('_');
    }

    /// <summary>The derived name for the target of <paramref name="step"/>, a password entry.</summary>
    public static string NameFor(RecordedStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var attributes = step.Signature?.Attributes;
        return NameFor(step.Url, attributes?.GetValueOrDefault("name"), attributes?.GetValueOrDefault("id"));
    }

    private static string Sanitize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '_')
            {
                builder.Append('_');
            }
        }

        return builder.ToString().TrimEnd('_');
    }
}
