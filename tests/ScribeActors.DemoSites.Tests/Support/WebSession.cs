using System.Net;
using AngleSharp.Html.Parser;

namespace ScribeActors.DemoSites.Tests.Support;

/// <summary>A cookie-keeping HTTP client over the demo sites that follows redirects itself, so tests can see them.</summary>
internal sealed class WebSession : IDisposable
{
    private static readonly HtmlParser Parser = new();
    private readonly HttpClient _http;

    public WebSession(Uri baseUrl)
    {
        BaseUrl = baseUrl;
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public Uri BaseUrl { get; }

    /// <summary>The last response's redirect chain (status codes and locations), for assertions.</summary>
    public List<(HttpStatusCode Status, string Location)> Redirects { get; } = [];

    /// <summary>Sends without following redirects.</summary>
    public Task<HttpResponseMessage> RawGetAsync(string url) => _http.GetAsync(url);

    /// <summary>Sends a GET with an <c>Idempotency-Key</c> header, without following redirects.</summary>
    public Task<HttpResponseMessage> RawGetAsync(string url, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return _http.SendAsync(request);
    }

    public Task<HttpResponseMessage> RawPostAsync(string url, params (string Name, string Value)[] fields) =>
        _http.PostAsync(url, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));

    /// <summary>Posts a form with an <c>Idempotency-Key</c> header, without following redirects.</summary>
    public Task<HttpResponseMessage> RawPostAsync(string url, string idempotencyKey, params (string Name, string Value)[] fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return _http.SendAsync(request);
    }

    public async Task<WebPage> GetAsync(string url) => await FollowAsync(await _http.GetAsync(url));

    public async Task<WebPage> PostAsync(string url, params (string Name, string Value)[] fields) =>
        await FollowAsync(await RawPostAsync(url, fields));

    /// <summary>Follows redirects of <paramref name="response"/> with GETs and parses the final page.</summary>
    public async Task<WebPage> FollowAsync(HttpResponseMessage response)
    {
        Redirects.Clear();
        for (var hops = 0; IsRedirect(response.StatusCode); hops++)
        {
            Assert.True(hops < 10, "More than 10 redirects in a row.");
            var location = response.Headers.Location ?? throw new InvalidOperationException("Redirect without Location.");
            var next = location.IsAbsoluteUri ? location : new Uri(response.RequestMessage!.RequestUri!, location);
            Redirects.Add((response.StatusCode, location.OriginalString));
            response.Dispose();
            response = await _http.GetAsync(next);
        }

        using (response)
        {
            var html = await response.Content.ReadAsStringAsync();
            return new WebPage(response.RequestMessage!.RequestUri!, response.StatusCode, html, Parser.ParseDocument(html));
        }
    }

    public async Task<WebPage> SignInAsync(string site, string username, string password)
    {
        var page = await PostAsync($"/{site}/login", ("username", username), ("password", password));
        Assert.DoesNotContain("Invalid username or password", page.Html, StringComparison.Ordinal);
        return page;
    }

    public Task<WebPage> SignInSupplierAsync() => SignInAsync("supplier", DemoCredentials.SupplierUser, DemoCredentials.SupplierPassword);

    public Task<WebPage> SignInEmployeeAsync() => SignInAsync("expenses", DemoCredentials.EmployeeUser, DemoCredentials.EmployeePassword);

    public Task<WebPage> SignInManagerAsync() => SignInAsync("expenses", DemoCredentials.ManagerUser, DemoCredentials.ManagerPassword);

    public void Dispose() => _http.Dispose();

    private static bool IsRedirect(HttpStatusCode status) => (int)status is >= 300 and < 400;
}
