using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ScribeActors.Browser.Secrets;

/// <summary>The default <see cref="ISecretProvider"/>: the secrets of <see cref="SecretsOptions"/> (configuration, the
/// environment, command-line overrides), as read when the host started.</summary>
public sealed class ConfigurationSecretProvider : ISecretProvider
{
    private readonly SecretsOptions _options;

    /// <summary>Creates the provider over validated options.</summary>
    public ConfigurationSecretProvider(IOptions<SecretsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    /// <summary>A provider over the <see cref="SecretsOptions.SectionName"/> section of <paramref name="configuration"/>,
    /// for tools that build no host.</summary>
    /// <exception cref="OptionsValidationException">The section is invalid; the message names the settings.</exception>
    public static ConfigurationSecretProvider From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new SecretsOptions().ReadFrom(configuration.GetSection(SecretsOptions.SectionName));
        var result = new SecretsOptionsValidator().Validate(null, options);
        return result.Failed
            ? throw new OptionsValidationException(nameof(SecretsOptions), typeof(SecretsOptions), result.Failures)
            : new ConfigurationSecretProvider(Options.Create(options));
    }

    /// <inheritdoc />
    public ValueTask<SecretValue?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_options.Secrets.TryGetValue(name, out var secret) && !string.IsNullOrEmpty(secret.Value)
            ? new SecretValue(secret.Value, secret.AllowedHosts)
            : null);
    }
}
