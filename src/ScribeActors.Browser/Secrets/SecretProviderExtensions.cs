using ScribeActors.Abstractions;

namespace ScribeActors.Browser.Secrets;

/// <summary>Checks on a set of secret names.</summary>
public static class SecretProviderExtensions
{
    /// <summary>Why the first of <paramref name="names"/> that cannot be typed is unavailable (malformed, not configured,
    /// or the provider failed), or <see langword="null"/> when every one is configured. The message names the secret,
    /// never a value.</summary>
    public static async Task<string?> FindUnavailableAsync(this ISecretProvider provider, IEnumerable<string> names, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(names);
        foreach (var name in names)
        {
            if (!SecretPlaceholder.IsValidName(name))
            {
                return $"'{name}' is not a valid secret name ({SecretPlaceholder.NameRule}).";
            }

            try
            {
                if (await provider.GetAsync(name, cancellationToken) is null)
                {
                    return SecretScope.NotConfigured(name);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return $"Secret '{name}' could not be read: the secret provider failed ({e.GetType().Name}).";
            }
        }

        return null;
    }
}
