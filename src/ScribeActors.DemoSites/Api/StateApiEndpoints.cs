using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ScribeActors.DemoSites.State;
using ScribeActors.DemoSites.Tasks;

namespace ScribeActors.DemoSites.Api;

/// <summary><c>/api/state</c>, <c>/api/reset</c>, <c>/api/tasks</c> and <c>/api/tasks/{id}/check</c>: the machine-facing side of the demo sites.</summary>
internal static class StateApiEndpoints
{
    public static IEndpointRouteBuilder MapStateApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.MapGet("/state", (DemoStore store) => Results.Json(store.Snapshot(), DemoJson.Options));
        api.MapMethods("/reset", [HttpMethods.Get, HttpMethods.Post], (DemoStore store, string? seed) =>
        {
            if (!TryParseSeed(seed, out var value, out var problem))
            {
                return problem;
            }

            store.Reset(value);
            return Results.Json(store.Snapshot(), DemoJson.Options);
        });
        api.MapMethods("/latency", [HttpMethods.Get, HttpMethods.Post], (Web.SiteLatency latency, string? ms) =>
        {
            if (!int.TryParse(ms, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > Web.SiteLatency.MaxMilliseconds)
            {
                return Results.Json(new { error = $"ms must be a whole number from 0 to {Web.SiteLatency.MaxMilliseconds}; got '{ms}'." }, DemoJson.Options,
                    statusCode: StatusCodes.Status400BadRequest);
            }

            latency.Milliseconds = value;
            return Results.Json(new { latencyMs = value }, DemoJson.Options);
        });
        api.MapGet("/tasks", (HttpContext context, DemoStore store, string? seed) =>
        {
            int value;
            if (seed is null)
            {
                value = store.Seed;
            }
            else if (!TryParseSeed(seed, out value, out var problem))
            {
                return problem;
            }

            var baseUrl = new Uri($"{context.Request.Scheme}://{context.Request.Host}/");
            var tasks = DemoTaskCatalog.Create(baseUrl, value).Select(t => new
            {
                t.Id,
                t.Site,
                t.Objective,
                t.StartUrl,
                t.Parameters,
                t.Script,
            });
            return Results.Json(new { seed = value, tasks }, DemoJson.Options);
        });

        // A task's server-side check over HTTP, for success criteria: 200 when the objective is reached, 409 when not.
        api.MapGet("/tasks/{id}/check", (HttpContext context, DemoStore store, string id, string? seed) =>
        {
            int value;
            if (seed is null)
            {
                value = store.Seed;
            }
            else if (!TryParseSeed(seed, out value, out var problem))
            {
                return problem;
            }

            var baseUrl = new Uri($"{context.Request.Scheme}://{context.Request.Host}/");
            var task = DemoTaskCatalog.Create(baseUrl, value).FirstOrDefault(t => t.Id == id);
            if (task is null)
            {
                return Results.Json(new { error = $"There is no demo task '{id}'. Known tasks: {string.Join(", ", DemoTaskCatalog.Ids)}." }, DemoJson.Options,
                    statusCode: StatusCodes.Status404NotFound);
            }

            var check = task.Check(store.Snapshot());
            return Results.Json(new { task = id, seed = value, check.Succeeded, check.Reason }, DemoJson.Options,
                statusCode: check.Succeeded ? StatusCodes.Status200OK : StatusCodes.Status409Conflict);
        });
        return endpoints;
    }

    private static bool TryParseSeed(string? text, out int seed, out IResult problem)
    {
        problem = Results.Empty;
        if (text is null)
        {
            seed = 1;
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out seed))
        {
            return true;
        }

        problem = Results.Json(new { error = $"The seed must be a whole number from 0 to {int.MaxValue}; got '{text}'." }, DemoJson.Options,
            statusCode: StatusCodes.Status400BadRequest);
        return false;
    }
}
