using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using ScribeActors.Abstractions;

namespace ScribeActors.Browser.Secrets;

/// <summary>
/// The secrets configured on this process, read from the section <see cref="SectionName"/>: one subsection per secret
/// name with <c>Value</c> and, optionally, <c>AllowedHosts</c>. In the environment that is
/// <c>Scribe__Secrets__NAME__Value</c> and <c>Scribe__Secrets__NAME__AllowedHosts</c> (a secret name never holds
/// <c>__</c>, so it survives the mapping). Checked when the host starts: a bad name, a short or missing value, a blank
/// host, a setting other than those two (a typo in <c>AllowedHosts</c> must not silently allow every host) stop it with
/// a message naming the setting, never the value (<see cref="SecretsOptionsValidator"/> runs
/// <see cref="IValidatableObject.Validate"/>: every rule here is about a dictionary entry, which no annotation reaches).
/// </summary>
public sealed class SecretsOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Scribe:Secrets";

    /// <summary>The secrets by name (ignoring case).</summary>
    public Dictionary<string, SecretOptions> Secrets { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Problems with the section's shape met while reading it (reported by <see cref="IValidatableObject.Validate"/>).</summary>
    internal List<string> Problems { get; } = [];

    /// <summary>Reads the secrets of <paramref name="section"/> (the <see cref="SectionName"/> section) into this object.</summary>
    public SecretsOptions ReadFrom(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        foreach (var child in section.GetChildren())
        {
            var key = $"{SectionName}:{child.Key}";
            var settings = child.GetChildren().ToList();
            if (settings.Count == 0)
            {
                Problems.Add($"{key} has no Value: set {key}:Value (in the environment {key.Replace(":", "__", StringComparison.Ordinal)}__Value).");
                continue;
            }

            var secret = new SecretOptions { Value = child["Value"] };
            foreach (var setting in settings.Where(s => s.Key is not ("Value" or "AllowedHosts")))
            {
                Problems.Add($"{key}:{setting.Key} is not a secret setting (known: Value, AllowedHosts).");
            }

            var hosts = child.GetSection("AllowedHosts");
            var entries = hosts.Value is { } list
                ? list.Split(',', StringSplitOptions.TrimEntries)
                : hosts.GetChildren().Select(h => h.Value?.Trim() ?? "");
            foreach (var host in entries)
            {
                secret.AllowedHosts.Add(host);
            }

            Secrets[child.Key] = secret;
        }

        return this;
    }

    /// <summary>The section's shape problems, then per secret: a valid name, a value of at least
    /// <see cref="SecretValue.MinimumLength"/> characters, hosts that are hosts. Messages name settings, never values.</summary>
    IEnumerable<ValidationResult> IValidatableObject.Validate(ValidationContext validationContext)
    {
        foreach (var problem in Problems)
        {
            yield return new ValidationResult(problem);
        }

        foreach (var (secretName, secret) in Secrets)
        {
            var key = $"{SectionName}:{secretName}";
            if (!SecretPlaceholder.IsValidName(secretName))
            {
                yield return new ValidationResult($"{key}: '{secretName}' is not a valid secret name ({SecretPlaceholder.NameRule}).");
            }

            if (string.IsNullOrEmpty(secret.Value))
            {
                yield return new ValidationResult($"{key}:Value is missing or empty.");
            }
            else if (secret.Value.Length < SecretValue.MinimumLength)
            {
                yield return new ValidationResult($"{key}:Value is shorter than {SecretValue.MinimumLength} characters.");
            }

            foreach (var host in secret.AllowedHosts)
            {
                if (host.Length == 0 || host.Contains('/', StringComparison.Ordinal) || host.Any(char.IsWhiteSpace))
                {
                    yield return new ValidationResult($"{key}:AllowedHosts entry '{host}' is not a host, host:port or *.domain.");
                }
            }
        }
    }
}
