using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ScribeActors.Abstractions;

namespace ScribeActors.Silo.Api;

/// <summary>The REST API: <c>/api/workflows</c> and <c>/api/schedules</c>. Errors come back as problem details naming the problem.</summary>
public static class ScribeApiEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapScribeApi(this IEndpointRouteBuilder endpoints)
    {
        var workflows = endpoints.MapGroup("/api/workflows");
        workflows.MapPost("/", async (WorkflowSpec spec, string? id, IGrainFactory grains) =>
        {
            var workflowId = string.IsNullOrWhiteSpace(id) ? $"wf-{Guid.NewGuid():N}" : id;
            return await Call(async () => Results.Created($"/api/workflows/{workflowId}", await grains.GetGrain<IWorkflowGrain>(workflowId).StartAsync(spec)));
        });
        workflows.MapGet("/", async (WorkflowStatus? status, IGrainFactory grains) =>
            Results.Ok(await grains.GetGrain<IWorkflowIndexGrain>(IWorkflowIndexGrain.DefaultKey).ListAsync(status)));
        workflows.MapGet("/{id}", (string id, IGrainFactory grains) =>
            Call(async () => Results.Ok(await grains.GetGrain<IWorkflowGrain>(id).GetAsync())));
        workflows.MapPost("/{id}/pause", (string id, IGrainFactory grains) =>
            Call(async () => Results.Ok(await grains.GetGrain<IWorkflowGrain>(id).PauseAsync())));
        workflows.MapPost("/{id}/resume", (string id, IGrainFactory grains) =>
            Call(async () => Results.Ok(await grains.GetGrain<IWorkflowGrain>(id).ResumeAsync())));
        workflows.MapPost("/{id}/cancel", (string id, string? reason, IGrainFactory grains) =>
            Call(async () => Results.Ok(await grains.GetGrain<IWorkflowGrain>(id).CancelAsync(reason))));

        var schedules = endpoints.MapGroup("/api/schedules");
        schedules.MapPut("/{id}", (string id, ScheduleSpec spec, IGrainFactory grains) =>
            Call(async () => Results.Ok(await grains.GetGrain<IScheduleGrain>(id).CreateAsync(spec))));
        schedules.MapGet("/{id}", (string id, IGrainFactory grains) =>
            Call(async () => Results.Ok(await grains.GetGrain<IScheduleGrain>(id).GetAsync())));
        schedules.MapDelete("/{id}", (string id, IGrainFactory grains) =>
            Call(async () =>
            {
                await grains.GetGrain<IScheduleGrain>(id).DeleteAsync();
                return Results.NoContent();
            }));
        return endpoints;
    }

    private static async Task<IResult> Call(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is WorkflowNotFoundException or ScheduleNotFoundException)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status404NotFound);
        }
        catch (Exception e) when (e is InvalidWorkflowSpecException or InvalidScheduleException)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        catch (WorkflowConflictException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }
}
