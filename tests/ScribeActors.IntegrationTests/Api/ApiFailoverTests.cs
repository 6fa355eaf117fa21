using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using ScribeActors.IntegrationTests.Infrastructure;
using ScribeActors.Testing;
using Xunit.Abstractions;

namespace ScribeActors.IntegrationTests.Api;

/// <summary>
/// A real failover behind the REST API: a second silo (a `scribe silo` process) hosts workflow grains and owns part
/// of the grain directory, then dies by kill -9. Until the cluster declares it dead, requests that need it answer 503
/// with Retry-After and problem details (never 500); afterwards the same requests succeed and nothing was lost.
/// </summary>
[Trait("Suite", "Integration"), Trait("Needs", "Azurite,Chromium")]
public sealed class ApiFailoverTests(ITestOutputHelper output)
{
    private const string Replay = """{"kind":"Replay","replay":{"objective":"x","startUrl":"http://127.0.0.1:9/","steps":[{"index":1,"description":"Done","action":"finish_action"}]}}""";

    [Fact]
    public async Task Get_SiloJustKilled_Answers503WithRetryAfter_ThenRecovers()
    {
        Requirements.Chromium();
        var id = "fo" + Guid.NewGuid().ToString("N")[..10];
        // Suspect a silo after 30 s of missed probes (twice Orleans' default), so the window stays open on a slow machine.
        await using var api = await TestSilo.StartAsync(id, configure: b => b.Services.Configure<ClusterMembershipOptions>(o => o.NumMissedProbesLimit = 6));
        var other = await SiloProcess.StartAsync(id, id);
        try
        {
            using var http = ApiHttp.Client(api.WebUrl);
            var management = api.Service<IGrainFactory>().GetGrain<IManagementGrain>(0);
            await Eventually.TrueAsync(async () => (await management.GetHosts(onlyActive: true)).Count == 2, "both silos active in the cluster", TimeSpan.FromSeconds(60));

            // Workflows placed on the other silo: their activations (and cached addresses) point at it.
            var onOther = new List<string>();
            for (var i = 0; i < 16; i++)
            {
                var workflowId = $"{id}-wf{i}";
                using var started = await http.PostAsync($"/api/workflows?id={workflowId}", ApiHttp.Json($$"""{"objective":"x","startUrl":"http://127.0.0.1:9/","stepSource":""" + Replay + "}"));
                Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
                var silo = JsonDocument.Parse(await started.Content.ReadAsStringAsync()).RootElement.GetProperty("silo").GetString();
                if (silo?.Contains($":{other.SiloPort}:", StringComparison.Ordinal) == true)
                {
                    onOther.Add(workflowId);
                }
            }

            output.WriteLine($"{onOther.Count} of 16 workflows on the other silo (port {other.SiloPort}); killing it (pid {other.Pid})");
            other.Kill();

            // Workflows that lived there, plus fresh ids whose directory entry or placement falls on the dead silo.
            var probes = onOther.Concat(Enumerable.Range(0, 24).Select(i => $"{id}-fresh{i}")).ToList();
            var answers = new List<(string Id, HttpStatusCode Status, string? RetryAfter, string Body)>();
            foreach (var probe in probes)
            {
                using var response = await http.GetAsync($"/api/workflows/{probe}");
                answers.Add((probe, response.StatusCode, response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), await response.Content.ReadAsStringAsync()));
            }

            foreach (var a in answers)
            {
                output.WriteLine($"{a.Id}: {(int)a.Status} retry-after={a.RetryAfter} {a.Body[..Math.Min(a.Body.Length, 200)]}");
            }

            Assert.DoesNotContain(answers, a => a.Status == HttpStatusCode.InternalServerError);
            var unavailable = answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable).ToList();
            Assert.True(unavailable.Count > 0, "no request answered 503 while a silo of the cluster was dead");
            foreach (var a in unavailable)
            {
                Assert.Equal("5", a.RetryAfter);
                var problem = JsonDocument.Parse(a.Body).RootElement;
                Assert.Equal(503, problem.GetProperty("status").GetInt32());
                Assert.Contains("retry after 5 s", problem.GetProperty("detail").GetString());
            }

            // Once the cluster has declared the silo dead, the same requests succeed: 200 for the workflows (their
            // state was durable), 404 for the fresh ids.
            foreach (var a in unavailable)
            {
                var expected = onOther.Contains(a.Id) ? HttpStatusCode.OK : HttpStatusCode.NotFound;
                await Eventually.TrueAsync(async () =>
                {
                    using var retry = await http.GetAsync($"/api/workflows/{a.Id}");
                    Assert.NotEqual(HttpStatusCode.InternalServerError, retry.StatusCode);
                    return retry.StatusCode == expected;
                }, $"{a.Id} answers {(int)expected} after the failover", TimeSpan.FromSeconds(150));
            }
        }
        finally
        {
            await other.DisposeAsync();
        }
    }
}
