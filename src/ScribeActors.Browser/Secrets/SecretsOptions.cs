using Microsoft.Extensions.Configuration;

namespace ScribeActors.Browser.Secrets;

/// <summary>
/// The secrets configured on this process, read from the section <see cref="SectionName"/>: one subsection per secret
/// name with <c>Value</c> and, optionally, <c>AllowedHosts</c>. In the environment that is
/// <c>Scribe__Secrets__NAME__Value</c> and <c>Scribe__Secrets__NAME__AllowedHosts</c> (a secret name never holds
/// <c>__</c>, so it survives the mapping). Checked when the host starts: a bad name, a short or missing value, a blank
/// host, a setting other than those two (a typo in <c>AllowedHosts</c> must not silently allow every host) stop it with
/// a message naming the setting, never the value.
/// </summary>
public sealed class SecretsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Scribe:Secrets";

    /// <summary>The secrets by name (ignoring case).</summary>
    public Dictionary<string, SecretOptions> Secrets { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Problems with the section's shape met while reading it (reported by the validator).</summary>
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
}
