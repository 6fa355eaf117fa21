using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using ScribeActors.Abstractions;
using ScribeActors.IntegrationTests.Infrastructure;

namespace ScribeActors.IntegrationTests.Api;

/// <summary>A silo with API keys refuses every web request without a valid key (and changes nothing), accepts the
/// three ways of presenting one, and leaves only the health probe open.</summary>
[Trait("Suite", "Integration"), Trait("Needs", "Azurite,Chromium")]
public sealed class ApiAuthenticationTests(KeyedSilo keyed) : IClassFixture<KeyedSilo>, IDisposable
{
    private const string Key = KeyedSilo.Key;
    private const string RotatedKey = KeyedSilo.SecondKey;
    private readonly TestSilo _silo = keyed.Silo;
    private readonly TcpListener _blackHole = StartBlackHole();

    public void Dispose() => _blackHole.Stop();

    /// <summary>A site that accepts connections and never answers: it keeps a workflow Running while a test looks at it.</summary>
    private static TcpListener StartBlackHole()
    {
        Requirements.Chromium();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    [Theory]
    [InlineData("GET", "/api/workflows")]
    [InlineData("GET", "/api/schedules")]
    [InlineData("GET", "/api/workflows/any-id")]
    [InlineData("GET", "/dashboard/")]
    [InlineData("GET", "/")]
    [InlineData("GET", "/no/such/page")]
    [InlineData("POST", "/api/workflows/any-id/cancel")]
    public async Task AnyRoute_NoKey_Answers401ProblemWithChallenges(string method, string path)
    {
        using var http = ApiHttp.Client(_silo.WebUrl);
        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        var problem = await ApiHttp.ProblemAsync(response, 401);
        Assert.Contains("API key is required", problem.GetProperty("detail").GetString());
        var challenges = response.Headers.WwwAuthenticate.Select(h => h.Scheme).ToList();
        Assert.Contains("Basic", challenges);
        Assert.Contains("Bearer", challenges);
    }

    [Theory]
    [InlineData("/api/workflows")]
    [InlineData("/dashboard/")]
    public async Task Request_WrongKey_Answers401NotValid(string path)
    {
        using var http = ApiHttp.Client(_silo.WebUrl, "wrong-key-0123456789abcdef");
        using var response = await http.GetAsync(path);

        var problem = await ApiHttp.ProblemAsync(response, 401);
        Assert.Contains("not valid", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Request_KeyAsBearerHeaderOrBasicPassword_IsAccepted()
    {
        using var http = ApiHttp.Client(_silo.WebUrl);
        foreach (var (name, value) in new[]
        {
            ("Authorization", $"Bearer {Key}"),
            ("Authorization", $"Bearer {RotatedKey}"),
            ("X-Api-Key", Key),
            ("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"operator:{Key}"))),
        })
        {
            foreach (var path in new[] { "/api/workflows", "/api/schedules", "/dashboard/" })
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.TryAddWithoutValidation(name, value);
                using var response = await http.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} with {name} '{value}': {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
    }

    [Fact]
    public async Task Health_NoKey_AnswersHealthyAndNothingElse()
    {
        using var http = ApiHttp.Client(_silo.WebUrl);
        using var response = await http.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Start_NoKey_CreatesNothing()
    {
        var id = "auth-start-" + Guid.NewGuid().ToString("N")[..8];
        using var anonymous = ApiHttp.Client(_silo.WebUrl);
        using var refused = await anonymous.PostAsync($"/api/workflows?id={id}", ApiHttp.Json(SpecJson()));
        await ApiHttp.ProblemAsync(refused, 401);

        using var authorized = ApiHttp.Client(_silo.WebUrl, Key);
        using var lookup = await authorized.GetAsync($"/api/workflows/{id}");
        await ApiHttp.ProblemAsync(lookup, 404);
        var listed = JsonDocument.Parse(await authorized.GetStringAsync("/api/workflows")).RootElement;
        Assert.DoesNotContain(listed.EnumerateArray(), w => w.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task Cancel_WrongKey_LeavesTheWorkflowRunning()
    {
        using var authorized = ApiHttp.Client(_silo.WebUrl, Key);
        var id = "auth-cancel-" + Guid.NewGuid().ToString("N")[..8];
        using (var started = await authorized.PostAsync($"/api/workflows?id={id}", ApiHttp.Json(SpecJson())))
        {
            Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        }

        using var intruder = ApiHttp.Client(_silo.WebUrl);
        intruder.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key[..^1] + "X");
        using var refused = await intruder.PostAsync($"/api/workflows/{id}/cancel?reason=intruder", null);
        await ApiHttp.ProblemAsync(refused, 401);

        var after = await _silo.Client.GetAsync(id);
        Assert.NotEqual(WorkflowStatus.Cancelled, after.Status);
        Assert.False(after.IsTerminal, $"the workflow should still be running, is {after.Status}");

        using var cancelled = await authorized.PostAsync($"/api/workflows/{id}/cancel?reason=test", null);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(WorkflowStatus.Cancelled, (await _silo.Client.GetAsync(id)).Status);
    }

    [Theory]
    [InlineData("Origin", "http://evil.test")]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    public async Task Cancel_FromAPageOfAnotherOrigin_Is403AndLeavesTheWorkflowRunning(string header, string value)
    {
        // A browser logged in with Basic credentials sends them with any request to the silo, also one a foreign page
        // makes: the key alone must not let that page change a run.
        using var authorized = ApiHttp.Client(_silo.WebUrl, Key);
        var id = "csrf-cancel-" + Guid.NewGuid().ToString("N")[..8];
        using (var started = await authorized.PostAsync($"/api/workflows?id={id}", ApiHttp.Json(SpecJson())))
        {
            Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        }

        using var forged = new HttpRequestMessage(HttpMethod.Post, $"/api/workflows/{id}/cancel?reason=forged");
        forged.Headers.Add(header, value);
        using var refused = await authorized.SendAsync(forged);
        var problem = await ApiHttp.ProblemAsync(refused, 403);
        Assert.Contains(value, problem.GetProperty("detail").GetString());
        Assert.False((await _silo.Client.GetAsync(id)).IsTerminal, "a forged cancel took effect");

        // The viewer's own buttons send the silo's own origin, and reading is never refused.
        using var own = new HttpRequestMessage(HttpMethod.Post, $"/api/workflows/{id}/cancel?reason=test");
        own.Headers.Add("Origin", _silo.WebUrl.GetLeftPart(UriPartial.Authority));
        own.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var cancelled = await authorized.SendAsync(own);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/workflows/{id}");
        read.Headers.Add(header, value);
        using var answered = await authorized.SendAsync(read);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }

    private string SpecJson()
    {
        var url = $"http://127.0.0.1:{((IPEndPoint)_blackHole.LocalEndpoint).Port}/";
        const string Steps = """[{"index":1,"description":"Click Go","action":"mouse_click_action","signature":{"tag":"button","text":"Go"}}]""";
        var replay = $$"""{"objective":"wait","startUrl":"{{url}}","steps":""" + Steps + "}";
        return $$"""{"objective":"wait","startUrl":"{{url}}","stepSource":{"kind":"Replay","replay":""" + replay + "}}";
    }
}
