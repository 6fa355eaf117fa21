using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ScribeActors.IntegrationTests.Infrastructure;

/// <summary>Plain HTTP against a silo's web port, and the problem details it answers with.</summary>
public static class ApiHttp
{
    public const string ProblemJson = "application/problem+json";

    public static HttpClient Client(Uri baseUrl, string? apiKey = null)
    {
        var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return http;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>The response's problem details; fails unless the response is application/problem+json with the status.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()), body);
        return problem;
    }

    /// <summary>The messages of a validation problem's error for <paramref name="field"/>; fails when it has none.</summary>
    public static string[] Errors(JsonElement problem, string field)
    {
        Assert.True(problem.TryGetProperty("errors", out var errors), $"no errors in {problem}");
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error for '{field}' in {errors}");
        return [.. messages.EnumerateArray().Select(m => m.GetString()!)];
    }
}
