using System.Net.Http.Json;
using ScribeActors.DemoSites.Api;
using ScribeActors.DemoSites.State;

namespace ScribeActors.DemoSites;

/// <summary>Reads and resets the state of demo sites over HTTP (<c>/api/state</c>, <c>/api/reset</c>).</summary>
public sealed class DemoSitesClient
{
    private readonly HttpClient _http;
    private readonly Uri _baseUrl;

    /// <summary>Creates a client for the sites at <paramref name="baseUrl"/>.</summary>
    /// <param name="http">The HTTP client to use; not disposed by this class.</param>
    /// <param name="baseUrl">The sites' base address, for example <c>http://127.0.0.1:5100/</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="baseUrl"/> is not an absolute http(s) URL.</exception>
    public DemoSitesClient(HttpClient http, Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The demo sites base URL must be an absolute http(s) URL; got '{baseUrl}'.", nameof(baseUrl));
        }

        _http = http;
        _baseUrl = baseUrl;
    }

    /// <summary>The current server state.</summary>
    /// <exception cref="HttpRequestException">The sites could not be reached or answered with an error.</exception>
    public Task<DemoState> GetStateAsync(CancellationToken ct = default) => SendAsync(HttpMethod.Get, "/api/state", ct);

    /// <summary>Resets all state and sets the layout and data seed; returns the fresh state.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="seed"/> is negative.</exception>
    /// <exception cref="HttpRequestException">The sites could not be reached or answered with an error.</exception>
    public Task<DemoState> ResetAsync(int seed = 1, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seed);
        return SendAsync(HttpMethod.Post, $"/api/reset?seed={seed}", ct);
    }

    /// <summary>Sets the artificial latency of every page request (0 turns it off); it survives resets.</summary>
    /// <exception cref="HttpRequestException">The sites rejected the value or could not be reached.</exception>
    public async Task SetLatencyAsync(int milliseconds, CancellationToken ct = default)
    {
        var url = new Uri(_baseUrl, $"/api/latency?ms={milliseconds}");
        using var response = await _http.PostAsync(url, null, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}", null, response.StatusCode);
        }
    }

    private async Task<DemoState> SendAsync(HttpMethod method, string path, CancellationToken ct)
    {
        var url = new Uri(_baseUrl, path);
        using var request = new HttpRequestMessage(method, url);
        using var response = await _http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            throw new HttpRequestException(
                $"{method} {url} answered {(int)response.StatusCode} {response.ReasonPhrase}: {text}", null, response.StatusCode);
        }

        return await response.Content.ReadFromJsonAsync<DemoState>(DemoJson.Options, ct)
            ?? throw new HttpRequestException($"{method} {url} answered an empty body instead of the demo state.");
    }
}
