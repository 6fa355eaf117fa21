namespace ScribeActors.Browser.Secrets;

/// <summary>
/// Where a browser silo gets the values of the secrets that placeholders (<c>{{secret:NAME}}</c>) name. The default,
/// <see cref="ConfigurationSecretProvider"/>, reads configuration and the environment; register another implementation
/// (before or instead of <see cref="BrowserServiceCollectionExtensions.AddScribeBrowser"/>, which adds the default with
/// <c>TryAdd</c>) to read a vault. Values are asked for only at the moment a placeholder is typed, and to mask the
/// secrets a session declared out of its observations; they never leave the browser adapter.
/// </summary>
public interface ISecretProvider
{
    /// <summary>The secret named <paramref name="name"/> (names match ignoring case), or <see langword="null"/> when this
    /// provider has none by that name. Called once per typed placeholder and once per declared secret of a session, so
    /// a provider backed by a remote store should cache.</summary>
    /// <param name="name">A valid secret name (see <see cref="ScribeActors.Abstractions.SecretPlaceholder"/>).</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The secret, or <see langword="null"/> when it is not defined.</returns>
    /// <remarks>Throw when the store cannot be read: the action then fails with
    /// <see cref="ScribeActors.Abstractions.ActionFailureKind.SecretUnavailable"/>, naming the secret and the exception's
    /// type (never its message, which a store might fill with anything). Never put a value into an exception.</remarks>
    ValueTask<SecretValue?> GetAsync(string name, CancellationToken cancellationToken = default);
}
