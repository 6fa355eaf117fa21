using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ScribeActors.Abstractions;
using ScribeActors.Agent.Success;
using ScribeActors.Grains.Schedules;

namespace ScribeActors.Silo.Api;

/// <summary>The REST API: <c>/api/workflows</c> (with each step's stored artefacts, <see cref="ArtifactEndpoints"/>) and <c>/api/schedules</c>. Every 4xx and 5xx answer is RFC 9457 problem
/// details naming the field and the reason (see <see cref="JsonBody"/> and <see cref="ApiProblemFilter"/>).</summary>
public static class ScribeApiEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapScribeApi(this IEndpointRouteBuilder endpoints)
    {
        var workflows = endpoints.MapGroup("/api/workflows").AddEndpointFilter<ApiProblemFilter>();
        workflows.MapPost("/", StartWorkflowAsync);
        workflows.MapGet("/", ListWorkflowsAsync);
        workflows.MapGet("/{id}", async (string id, IGrainFactory grains) => Results.Ok(await Workflow(grains, id).GetAsync()));
        workflows.MapPost("/{id}/pause", async (string id, IGrainFactory grains) => Results.Ok(await Workflow(grains, id).PauseAsync()));
        workflows.MapPost("/{id}/resume", async (string id, IGrainFactory grains) => Results.Ok(await Workflow(grains, id).ResumeAsync()));
        workflows.MapPost("/{id}/cancel", async (string id, string? reason, IGrainFactory grains) => Results.Ok(await Workflow(grains, id).CancelAsync(reason)));
        workflows.MapStepArtifacts();

        var schedules = endpoints.MapGroup("/api/schedules").AddEndpointFilter<ApiProblemFilter>();
        schedules.MapGet("/", ListSchedulesAsync);
        schedules.MapPut("/{id}", PutScheduleAsync);
        schedules.MapGet("/{id}", async (string id, IGrainFactory grains) => Results.Ok(await Schedule(grains, id).GetAsync()));
        schedules.MapDelete("/{id}", async (string id, IGrainFactory grains) =>
        {
            await Schedule(grains, id).DeleteAsync();
            return Results.NoContent();
        });
        return endpoints;
    }

    private static async Task<IResult> StartWorkflowAsync(HttpRequest request, string? id, IGrainFactory grains)
    {
        var (spec, problem) = await JsonBody.ReadAsync<WorkflowSpec>(request, "the workflow spec");
        if (spec is null)
        {
            return problem!;
        }

        // The check the workflow grain makes (WorkflowSpec.Validate plus what only the success evaluator can tell), so
        // every problem comes back at once, keyed by field.
        var errors = SuccessRule.ValidateSpec(spec);
        if (errors.Count > 0)
        {
            throw new InvalidWorkflowSpecException(errors);
        }

        var workflowId = string.IsNullOrWhiteSpace(id) ? $"wf-{Guid.NewGuid():N}" : id;
        return Results.Created($"/api/workflows/{Uri.EscapeDataString(workflowId)}", await Workflow(grains, workflowId).StartAsync(spec));
    }

    private static async Task<IResult> ListWorkflowsAsync(string? status, IGrainFactory grains)
    {
        WorkflowStatus? filter = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!Enum.TryParse<WorkflowStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(status, out _))
            {
                var names = string.Join(", ", Enum.GetNames<WorkflowStatus>());
                return Results.ValidationProblem(
                    new Dictionary<string, string[]> { ["status"] = [$"'{status}' is not a workflow status; use one of {names}."] },
                    $"The status filter '{status}' is not a workflow status.");
            }

            filter = parsed;
        }

        return Results.Ok(await grains.GetGrain<IWorkflowIndexGrain>(IWorkflowIndexGrain.DefaultKey).ListAsync(filter));
    }

    private static async Task<IResult> ListSchedulesAsync(IGrainFactory grains)
    {
        var ids = await grains.GetGrain<IScheduleIndexGrain>(IScheduleIndexGrain.DefaultKey).ListAsync();
        var snapshots = await Task.WhenAll(ids.Order(StringComparer.Ordinal).Select(async id =>
        {
            try
            {
                return await Schedule(grains, id).GetAsync();
            }
            catch (ScheduleNotFoundException)
            {
                return null; // deleted between listing and reading
            }
        }));
        return Results.Ok(snapshots.OfType<ScheduleSnapshot>().ToArray());
    }

    private static async Task<IResult> PutScheduleAsync(string id, HttpRequest request, IGrainFactory grains)
    {
        var (spec, problem) = await JsonBody.ReadAsync<ScheduleSpec>(request, "the schedule spec");
        if (spec is null)
        {
            return problem!;
        }

        var errors = spec.Workflow is { } workflow ? SuccessRule.ValidateSpec(workflow) : ["Workflow is missing."];
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(SpecErrors.ByField<WorkflowSpec>(errors, "workflow"), "Invalid workflow spec in the schedule: " + string.Join(" ", errors));
        }

        CronSchedule.Parse(spec); // cron expression and time zone; throws InvalidScheduleException naming the bad part
        return Results.Ok(await Schedule(grains, id).CreateAsync(spec));
    }

    private static IWorkflowGrain Workflow(IGrainFactory grains, string id) => grains.GetGrain<IWorkflowGrain>(id);

    private static IScheduleGrain Schedule(IGrainFactory grains, string id) => grains.GetGrain<IScheduleGrain>(id);
}
