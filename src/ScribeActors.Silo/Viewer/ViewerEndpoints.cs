using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using ScribeActors.Abstractions;
using ScribeActors.Grains.Storage;
using ScribeActors.Silo.Api;

namespace ScribeActors.Silo.Viewer;

/// <summary>
/// The run viewer under <c>/viewer/</c>: the runs list, a run's page, the schedules, a step's stored DOM rendered inert,
/// the viewer's scripts and styles, and the JSON they read (<c>/viewer/api/...</c>). Every route sits behind the silo's
/// fallback authorization policy, like the REST API; actions (pause, resume, cancel, remove a schedule) go through the
/// REST API itself.
/// </summary>
public static class ViewerEndpoints
{
    /// <summary>How long a run page's request for news waits for the run to change before answering unchanged.</summary>
    public static readonly TimeSpan ChangeWait = TimeSpan.FromSeconds(15);

    /// <summary>Maps the viewer's routes.</summary>
    public static IEndpointRouteBuilder MapScribeViewer(this IEndpointRouteBuilder endpoints)
    {
        var viewer = endpoints.MapGroup("/viewer");
        viewer.MapGet("/", (HttpContext http) => PageAsync(http, ViewerPages.Runs()));
        viewer.MapGet("/schedules", (HttpContext http) => PageAsync(http, ViewerPages.Schedules()));
        viewer.MapGet("/runs/{id}", RunPageAsync);
        viewer.MapGet("/runs/{id}/steps/{index:int}/page", StepPageAsync);
        viewer.MapGet("/assets/{name}", ViewerAssets.ServeAsync);

        var api = endpoints.MapGroup("/viewer/api").AddEndpointFilter<ApiProblemFilter>();
        api.MapGet("/runs", ListRunsAsync);
        api.MapGet("/runs/{id}", GetRunAsync);
        api.MapPost("/runs/{id}/run-again", RunAgainAsync);
        api.MapGet("/schedules", ScheduleList.ListAsync);
        return endpoints;
    }

    private static async Task PageAsync(HttpContext http, string html, int status = StatusCodes.Status200OK)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.ContentSecurityPolicy = ViewerPages.Policy;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        await http.Response.WriteAsync(html, http.RequestAborted);
    }

    private static async Task RunPageAsync(string id, HttpContext http, IGrainFactory grains, IOptions<JsonOptions> json)
    {
        WorkflowSnapshot snapshot;
        try
        {
            snapshot = await grains.GetGrain<IWorkflowGrain>(id).GetAsync(http.RequestAborted);
        }
        catch (WorkflowNotFoundException)
        {
            await PageAsync(http, ViewerPages.RunNotFound(id), StatusCodes.Status404NotFound);
            return;
        }

        await PageAsync(http, ViewerPages.Run(id, JsonSerializer.Serialize(RunView.Of(snapshot), ScriptSafe(json.Value))));
    }

    private static async Task StepPageAsync(string id, int index, HttpContext http, IGrainFactory grains, IArtifactStore store)
    {
        string document;
        try
        {
            var snapshot = await grains.GetGrain<IWorkflowGrain>(id).GetAsync(http.RequestAborted);
            var bytes = await StepArtifacts.ReadAsync(store, snapshot, index, StepArtifactKind.Observation, http.RequestAborted);
            document = SafeDomDocument.Render(System.Text.Encoding.UTF8.GetString(bytes), snapshot.Steps[index].Action?.NodeId);
            http.Response.StatusCode = StatusCodes.Status200OK;
        }
        catch (Exception e) when (e is WorkflowNotFoundException or StepArtifactNotFoundException)
        {
            document = $"<!DOCTYPE html><meta charset=\"utf-8\"><p>{HtmlEncoder.Default.Encode(e.Message)}</p>";
            http.Response.StatusCode = StatusCodes.Status404NotFound;
        }

        http.Response.ContentType = "text/html; charset=utf-8";
        http.Response.Headers.ContentSecurityPolicy = SafeDomDocument.Policy;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        await http.Response.WriteAsync(document, http.RequestAborted);
    }

    private static async Task<IResult> ListRunsAsync(string? status, string? schedule, string? q, int? limit, RunListReader runs, HttpContext http)
    {
        WorkflowStatus? filter = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!Enum.TryParse<WorkflowStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(status, out _))
            {
                return Results.ValidationProblem(
                    new Dictionary<string, string[]> { ["status"] = [$"'{status}' is not a workflow status; use one of {string.Join(", ", Enum.GetNames<WorkflowStatus>())}."] });
            }

            filter = parsed;
        }

        http.Response.Headers.CacheControl = "no-store";
        return Results.Ok(await runs.ListAsync(filter, schedule, q, limit ?? RunListReader.DefaultLimit, http.RequestAborted));
    }

    /// <summary>The run's view; with <c>after</c>, waits (up to <see cref="ChangeWait"/>) until its version differs.</summary>
    private static async Task<IResult> GetRunAsync(string id, long? after, IGrainFactory grains, HttpContext http)
    {
        var workflow = grains.GetGrain<IWorkflowGrain>(id);
        var snapshot = after is { } version
            ? await workflow.WaitForChangeAsync(version, ChangeWait, http.RequestAborted)
            : await workflow.GetAsync(http.RequestAborted);
        http.Response.Headers.CacheControl = "no-store";
        return Results.Ok(RunView.Of(snapshot));
    }

    /// <summary>Starts a new workflow with the run's spec (as stored: secrets are placeholders, resolved again by the
    /// browser silo when typed) and answers its id.</summary>
    private static async Task<IResult> RunAgainAsync(string id, IGrainFactory grains)
    {
        var spec = (await grains.GetGrain<IWorkflowGrain>(id).GetAsync()).Spec;
        var newId = $"wf-{Guid.NewGuid():N}";
        var started = await grains.GetGrain<IWorkflowGrain>(newId).StartAsync(spec);
        return Results.Created($"/viewer/runs/{Uri.EscapeDataString(newId)}", new { started.Id, started.Status });
    }

    /// <summary>The API's JSON options with the default encoder, which escapes &lt; &gt; &amp; ' so "&lt;/script&gt;" cannot
    /// appear in the inline block. Made once: a new options instance rebuilds its serialisation metadata.</summary>
    private static JsonSerializerOptions ScriptSafe(JsonOptions options) =>
        s_scriptSafe ??= new(options.SerializerOptions) { Encoder = JavaScriptEncoder.Default };

    private static JsonSerializerOptions? s_scriptSafe;
}
