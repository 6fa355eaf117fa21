using System.Net;
using System.Text.Json;
using ScribeActors.IntegrationTests.Infrastructure;

namespace ScribeActors.IntegrationTests.Api;

/// <summary>Every 4xx of the REST API is RFC 9457 problem details that name the field and the reason.</summary>
[Trait("Suite", "Integration"), Trait("Needs", "Azurite")]
public sealed class ApiProblemDetailsTests(KeyedSilo keyed) : IClassFixture<KeyedSilo>, IDisposable
{
    private const string Replay = """{"kind":"Replay","replay":{"objective":"x","startUrl":"http://127.0.0.1:9/","steps":[{"index":1,"description":"Done","action":"finish_action"}]}}""";
    private readonly TestSilo _silo = keyed.Silo;
    private readonly HttpClient _http = ApiHttp.Client(keyed.Silo.WebUrl, KeyedSilo.Key);

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Start_MalformedJson_NamesLineAndPosition()
    {
        using var response = await _http.PostAsync("/api/workflows", ApiHttp.Json("{\n  \"objective\": \"x\",\n  \"startUrl\": oops\n}"));

        var problem = await ApiHttp.ProblemAsync(response, 400);
        Assert.Equal(3, problem.GetProperty("line").GetInt32());
        Assert.Contains("line 3", problem.GetProperty("detail").GetString());
        Assert.Contains("not valid JSON", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Start_MissingRequiredFields_KeysEachByItsPath()
    {
        using var response = await _http.PostAsync("/api/workflows", ApiHttp.Json("""{"startUrl":"http://127.0.0.1:9/","stepSource":{"kind":"Replay","replay":{"objective":"x","startUrl":"http://127.0.0.1:9/","steps":[{"index":1,"action":"finish_action"}]}}}"""));

        var problem = await ApiHttp.ProblemAsync(response, 400);
        Assert.Contains("required", ApiHttp.Errors(problem, "objective")[0]);
        Assert.Contains("required", ApiHttp.Errors(problem, "stepSource.replay.steps[0].description")[0]);
    }

    [Fact]
    public async Task Start_WrongTypeAndNull_NamePathAndExpectedValue()
    {
        using var wrongType = await _http.PostAsync("/api/workflows", ApiHttp.Json($$"""{"objective":"x","startUrl":"http://127.0.0.1:9/","maxSteps":"many","stepSource":{{Replay}}}"""));
        var typeProblem = await ApiHttp.ProblemAsync(wrongType, 400);
        Assert.Contains("'maxSteps' must be an integer", ApiHttp.Errors(typeProblem, "maxSteps")[0]);
        Assert.Equal("$.maxSteps", typeProblem.GetProperty("path").GetString());

        using var badEnum = await _http.PostAsync("/api/workflows", ApiHttp.Json("""{"objective":"x","startUrl":"http://127.0.0.1:9/","stepSource":{"kind":"Dream"}}"""));
        Assert.Contains("Replay, Model", ApiHttp.Errors(await ApiHttp.ProblemAsync(badEnum, 400), "stepSource.kind")[0]);

        using var nullHosts = await _http.PostAsync("/api/workflows", ApiHttp.Json($$"""{"objective":"x","startUrl":"http://127.0.0.1:9/","allowedHosts":null,"stepSource":{{Replay}}}"""));
        Assert.Contains("must not be null", ApiHttp.Errors(await ApiHttp.ProblemAsync(nullHosts, 400), "allowedHosts")[0]);
    }

    [Fact]
    public async Task Start_InvalidSpec_ErrorsKeyedByField()
    {
        using var response = await _http.PostAsync("/api/workflows", ApiHttp.Json("""{"objective":" ","startUrl":"ftp://127.0.0.1/x","maxSteps":0,"stepSource":{"kind":"Replay"}}"""));

        var problem = await ApiHttp.ProblemAsync(response, 400);
        Assert.Contains("empty", ApiHttp.Errors(problem, "objective")[0]);
        Assert.Contains("must use http or https", ApiHttp.Errors(problem, "startUrl")[0]);
        Assert.Contains("outside 1..", ApiHttp.Errors(problem, "maxSteps")[0]);
        Assert.Contains("needs a recording", ApiHttp.Errors(problem, "stepSource.replay")[0]);
    }

    [Fact]
    public async Task Start_EmptyBodyOrNotJson_ExplainsWhatToSend()
    {
        using var empty = await _http.PostAsync("/api/workflows", ApiHttp.Json(""));
        Assert.Contains("body is empty", (await ApiHttp.ProblemAsync(empty, 400)).GetProperty("detail").GetString());

        using var form = await _http.PostAsync("/api/workflows", new StringContent("objective=x"));
        Assert.Contains("Content-Type: application/json", (await ApiHttp.ProblemAsync(form, 415)).GetProperty("detail").GetString());

        using var array = await _http.PostAsync("/api/workflows", ApiHttp.Json("[1,2]"));
        Assert.Contains("JSON object", ApiHttp.Errors(await ApiHttp.ProblemAsync(array, 400), "$")[0]);
    }

    [Fact]
    public async Task UnknownIdRouteMethodOrStatus_AnswerProblemDetails()
    {
        using var workflow = await _http.GetAsync("/api/workflows/no-such-workflow");
        Assert.Contains("no-such-workflow", (await ApiHttp.ProblemAsync(workflow, 404)).GetProperty("detail").GetString());

        using var schedule = await _http.DeleteAsync("/api/schedules/no-such-schedule");
        Assert.Contains("no-such-schedule", (await ApiHttp.ProblemAsync(schedule, 404)).GetProperty("detail").GetString());

        using var route = await _http.GetAsync("/api/nothing-here");
        Assert.Contains("/api/nothing-here", (await ApiHttp.ProblemAsync(route, 404)).GetProperty("detail").GetString());

        using var method = await _http.DeleteAsync("/api/workflows/some-id");
        await ApiHttp.ProblemAsync(method, 405);

        using var status = await _http.GetAsync("/api/workflows?status=sleeping");
        Assert.Contains("Running", ApiHttp.Errors(await ApiHttp.ProblemAsync(status, 400), "status")[0]);
    }

    [Fact]
    public async Task Start_SameIdDifferentSpec_Answers409AndKeepsTheFirst()
    {
        var id = "conflict-" + Guid.NewGuid().ToString("N")[..8];
        using (var first = await _http.PostAsync($"/api/workflows?id={id}", ApiHttp.Json($$"""{"objective":"first","startUrl":"http://127.0.0.1:9/","stepSource":{{Replay}}}""")))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        using var second = await _http.PostAsync($"/api/workflows?id={id}", ApiHttp.Json($$"""{"objective":"second","startUrl":"http://127.0.0.1:9/","stepSource":{{Replay}}}"""));
        Assert.Contains(id, (await ApiHttp.ProblemAsync(second, 409)).GetProperty("detail").GetString());
        Assert.Equal("first", (await _silo.Client.GetAsync(id)).Spec.Objective);
    }

    [Fact]
    public async Task Schedules_PutListDelete_ListShowsExactlyTheLiveOnes()
    {
        var ids = new[] { "sched-a-" + Guid.NewGuid().ToString("N")[..6], "sched-b-" + Guid.NewGuid().ToString("N")[..6] };
        foreach (var id in ids)
        {
            using var put = await _http.PutAsync($"/api/schedules/{id}", ApiHttp.Json(ScheduleJson("0 7 * * MON-FRI", "UTC", "http://127.0.0.1:9/")));
            Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        }

        var listed = await ListScheduleIdsAsync();
        Assert.Superset(ids.ToHashSet(), listed.ToHashSet());
        var one = JsonDocument.Parse(await _http.GetStringAsync("/api/schedules")).RootElement.EnumerateArray().Single(s => s.GetProperty("id").GetString() == ids[0]);
        Assert.Equal("0 7 * * MON-FRI", one.GetProperty("spec").GetProperty("cron").GetString());

        using (var deleted = await _http.DeleteAsync($"/api/schedules/{ids[0]}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        listed = await ListScheduleIdsAsync();
        Assert.DoesNotContain(ids[0], listed);
        Assert.Contains(ids[1], listed);
    }

    [Fact]
    public async Task PutSchedule_BadCronZoneOrWorkflow_NamesTheField()
    {
        using var cron = await _http.PutAsync("/api/schedules/bad", ApiHttp.Json(ScheduleJson("* *", "UTC", "http://127.0.0.1:9/")));
        Assert.Contains("2 fields", ApiHttp.Errors(await ApiHttp.ProblemAsync(cron, 400), "cron")[0]);

        using var zone = await _http.PutAsync("/api/schedules/bad", ApiHttp.Json(ScheduleJson("0 7 * * *", "Mars/Olympus", "http://127.0.0.1:9/")));
        Assert.Contains("Mars/Olympus", ApiHttp.Errors(await ApiHttp.ProblemAsync(zone, 400), "timeZone")[0]);

        using var workflow = await _http.PutAsync("/api/schedules/bad", ApiHttp.Json(ScheduleJson("0 7 * * *", "UTC", "not a url")));
        Assert.Contains("not an absolute URL", ApiHttp.Errors(await ApiHttp.ProblemAsync(workflow, 400), "workflow.startUrl")[0]);

        using var missing = await _http.GetAsync("/api/schedules/bad");
        await ApiHttp.ProblemAsync(missing, 404);
    }

    private static string ScheduleJson(string cron, string zone, string startUrl) =>
        $$"""{"cron":"{{cron}}","timeZone":"{{zone}}","workflow":{"objective":"x","startUrl":"{{startUrl}}","stepSource":""" + Replay + "}}";

    private async Task<string[]> ListScheduleIdsAsync() =>
        [.. JsonDocument.Parse(await _http.GetStringAsync("/api/schedules")).RootElement.EnumerateArray().Select(s => s.GetProperty("id").GetString()!)];
}
