using Microsoft.Extensions.Options;
using ScribeActors.Abstractions;

namespace ScribeActors.Browser.Secrets;

/// <summary>Checks <see cref="SecretsOptions"/> at start; messages name settings, never values.</summary>
internal sealed class SecretsOptionsValidator : IValidateOptions<SecretsOptions>
{
    public ValidateOptionsResult Validate(string? name, SecretsOptions options)
    {
        var errors = new List<string>(options.Problems);
        foreach (var (secretName, secret) in options.Secrets)
        {
            var key = $"{SecretsOptions.SectionName}:{secretName}";
            if (!SecretPlaceholder.IsValidName(secretName))
            {
                errors.Add($"{key}: '{secretName}' is not a valid secret name ({SecretPlaceholder.NameRule}).");
            }

            if (string.IsNullOrEmpty(secret.Value))
            {
                errors.Add($"{key}:Value is missing or empty.");
            }
            else if (secret.Value.Length < SecretValue.MinimumLength)
            {
                errors.Add($"{key}:Value is shorter than {SecretValue.MinimumLength} characters.");
            }

            foreach (var host in secret.AllowedHosts)
            {
                if (host.Length == 0 || host.Contains('/', StringComparison.Ordinal) || host.Any(char.IsWhiteSpace))
                {
                    errors.Add($"{key}:AllowedHosts entry '{host}' is not a host, host:port or *.domain.");
                }
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
