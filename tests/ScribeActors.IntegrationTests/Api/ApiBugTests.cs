using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ScribeActors.IntegrationTests.Infrastructure;

namespace ScribeActors.IntegrationTests.Api;

/// <summary>A genuine bug behind the API (a grain throwing something unexpected) answers 500 problem details that
/// reveal neither the exception nor a stack trace, and the silo keeps serving.</summary>
[Trait("Suite", "Integration"), Trait("Needs", "Azurite")]
public sealed class ApiBugTests
{
    private const string Secret = "internal-detail-7f3a";

    [Fact]
    public async Task Get_GrainThrowsUnexpectedly_Answers500WithoutDetails()
    {
        await using var silo = await TestSilo.StartAsync(configure: b => b.Services.AddSingleton<IIncomingGrainCallFilter, BuggyFilter>());
        using var http = ApiHttp.Client(silo.WebUrl);

        using var response = await http.GetAsync("/api/workflows/buggy-one");

        var body = await response.Content.ReadAsStringAsync();
        var problem = await ApiHttp.ProblemAsync(response, 500);
        Assert.DoesNotContain(Secret, body);
        Assert.DoesNotContain("InvalidOperationException", body);
        Assert.DoesNotContain(" at ", body);
        Assert.True(problem.TryGetProperty("traceId", out _), body);
        using var after = await http.GetAsync("/api/workflows/healthy-one");
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    /// <summary>Stands in for a bug: the grain call for one id throws an exception the API does not expect.</summary>
    private sealed class BuggyFilter : IIncomingGrainCallFilter
    {
        public Task Invoke(IIncomingGrainCallContext context) =>
            context.TargetId.Key.ToString() == "buggy-one"
                ? throw new InvalidOperationException($"{Secret}: something nobody planned for")
                : context.Invoke();
    }
}
