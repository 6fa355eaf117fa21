using System.Net;
using Microsoft.Extensions.Configuration;

namespace ScribeActors.Silo.Security;

/// <summary>Refuses, before anything listens, a silo that would accept connections from other machines (web port,
/// gateway or silo port bound beyond loopback) while no API key is configured, and keys too short to be secret.</summary>
public static class ExposurePreflight
{
    /// <summary>Throws <see cref="ApiKeyConfigurationException"/> naming the setting when the configuration is unsafe.</summary>
    public static void Check(ScribeSiloOptions silo, ScribeAuthOptions auth, IConfiguration configuration)
    {
        var keys = auth.KeyList;
        var tooShort = keys.Count(k => k.Length < ScribeAuthOptions.MinimumKeyLength);
        if (tooShort > 0)
        {
            throw new ApiKeyConfigurationException(
                $"{ScribeAuthOptions.ApiKeysKey} holds {tooShort} key(s) shorter than {ScribeAuthOptions.MinimumKeyLength} characters: " +
                "use long random keys (for example `openssl rand -base64 32`).");
        }

        if (keys.Count > 0)
        {
            return;
        }

        var exposure = Exposure(silo, configuration);
        if (exposure is not null)
        {
            throw new ApiKeyConfigurationException(
                $"The silo would listen beyond loopback ({exposure}) but no API key is configured: set {ScribeAuthOptions.ApiKeysKey} " +
                $"(environment {ScribeAuthOptions.ApiKeysEnvironmentVariable}; comma-separated keys of at least {ScribeAuthOptions.MinimumKeyLength} characters), " +
                "or bind to 127.0.0.1 only.");
        }
    }

    /// <summary>Which setting makes the silo reachable from other machines, or null when everything binds to loopback.</summary>
    public static string? Exposure(ScribeSiloOptions silo, IConfiguration configuration)
    {
        if (silo.ListenOnAnyHostAddress)
        {
            return $"{ScribeSiloOptions.SectionName}:{nameof(ScribeSiloOptions.ListenOnAnyHostAddress)}=true";
        }

        if (!IsLoopback(silo.AdvertisedIP))
        {
            return $"{ScribeSiloOptions.SectionName}:{nameof(ScribeSiloOptions.AdvertisedIP)}={silo.AdvertisedIP} is not a loopback address";
        }

        // Kestrel endpoints in configuration take precedence over the web port the host binds.
        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            var url = endpoint["Url"];
            if (url is not null && !IsLoopbackUrl(url))
            {
                return $"Kestrel:Endpoints:{endpoint.Key}:Url={url}";
            }
        }

        return null;
    }

    private static bool IsLoopbackUrl(string url)
    {
        var host = url.Split("://", 2) is [_, var rest] ? rest : url;
        host = host.Split('/', 2)[0];
        host = host.StartsWith('[') ? host[1..host.IndexOf(']', StringComparison.Ordinal)] : host.Split(':')[0];
        return IsLoopback(host);
    }

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
}
