using ScribeActors.Abstractions;
using ScribeActors.Browser.Secrets;

namespace ScribeActors.Browser;

public sealed partial class PlaywrightBrowserHost
{
    private static string[] SecretNames(BrowserSessionOptions options)
    {
        var names = options.SecretNames ?? [];
        if (names.FirstOrDefault(n => !SecretPlaceholder.IsValidName(n)) is { } bad)
        {
            throw new ArgumentException($"SecretNames entry '{bad}' is not a valid secret name ({SecretPlaceholder.NameRule}).", nameof(options));
        }

        return [.. names];
    }

    /// <summary>The provider of a host built without one: it knows no secret.</summary>
    private sealed class NoSecrets : ISecretProvider
    {
        public static readonly NoSecrets Instance = new();

        public ValueTask<SecretValue?> GetAsync(string name, CancellationToken cancellationToken = default) => ValueTask.FromResult<SecretValue?>(null);
    }
}
