using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ScribeActors.Browser;
using ScribeActors.Browser.Secrets;
using ScribeActors.DemoSites;

namespace ScribeActors.Testing;

/// <summary>The demo passwords as secrets, for every process of a test or benchmark that types them: the task
/// catalogue names them only by placeholder. Limited to 127.0.0.1 (any port), where the demo sites run.</summary>
public static class DemoSecrets
{
    public const string Host = "127.0.0.1";

    /// <summary>Configuration entries for an in-process silo: the secrets, and the sites' host among those that honour
    /// <c>Idempotency-Key</c> (<see cref="DemoCredentials.SiloSettings"/>).</summary>
    public static IReadOnlyDictionary<string, string?> Settings => DemoCredentials.SiloSettings(Host);

    /// <summary>The same as environment variables, for a `scribe silo` process.</summary>
    public static IReadOnlyDictionary<string, string> Environment =>
        Settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);

    /// <summary><paramref name="text"/> with the demo secrets' placeholders replaced by their values, for a script run
    /// straight through Playwright (a baseline that has no secret provider).</summary>
    public static string Substitute(string text) =>
        ScribeActors.Abstractions.SecretPlaceholder.Replace(text, name => DemoCredentials.SecretSettings(Host)[$"Scribe:Secrets:{name}:Value"]!);

    /// <summary>A provider holding them.</summary>
    public static ISecretProvider Provider() =>
        ConfigurationSecretProvider.From(new ConfigurationBuilder().AddInMemoryCollection(DemoCredentials.SecretSettings(Host)).Build());

    /// <summary>A process-local browser host that can type them (recording demo tasks outside a silo).</summary>
    public static PlaywrightBrowserHost BrowserHost(BrowserOptions? options = null) =>
        new(Options.Create(options ?? new BrowserOptions()), NullLogger<PlaywrightBrowserHost>.Instance, Provider());
}
