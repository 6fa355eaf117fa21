using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ScribeActors.Abstractions;
using ScribeActors.Grains.Storage;

namespace ScribeActors.Silo.Api;

/// <summary>
/// Read endpoints for a step's stored artefacts: <c>GET /api/workflows/{id}/steps/{index}/observation</c> (the stored DOM as
/// plain text), <c>.../screenshot</c> (PNG) and <c>.../prompt</c> (a model step's prompt as plain text). All behind the
/// same key as the rest of the API; all 404 problem details saying why when there is nothing to read.
/// </summary>
public static class ArtifactEndpoints
{
    /// <summary>Headers that keep a stored page inert wherever its bytes are opened: never sniffed as HTML, and a
    /// sandbox with no scripts should a browser render it anyway.</summary>
    internal const string InertPolicy = "sandbox; default-src 'none'";

    /// <summary>Maps the routes on the <c>/api/workflows</c> group.</summary>
    public static RouteGroupBuilder MapStepArtifacts(this RouteGroupBuilder workflows)
    {
        ArgumentNullException.ThrowIfNull(workflows);
        Map(workflows, "observation", StepArtifactKind.Observation, "text/plain; charset=utf-8", cached: false);
        Map(workflows, "screenshot", StepArtifactKind.Screenshot, "image/png", cached: true); // the run page shows one per step
        Map(workflows, "prompt", StepArtifactKind.Prompt, "text/plain; charset=utf-8", cached: false);
        return workflows;
    }

    private static void Map(RouteGroupBuilder workflows, string name, StepArtifactKind kind, string contentType, bool cached) =>
        workflows.MapGet($"/{{id}}/steps/{{index:int}}/{name}", async (string id, int index, HttpContext http, IGrainFactory grains, IArtifactStore store) =>
        {
            var bytes = await ReadAsync(grains, store, id, index, kind, http.RequestAborted);
            http.Response.Headers.ContentSecurityPolicy = InertPolicy;
            if (cached)
            {
                http.Response.Headers.CacheControl = "private, max-age=86400"; // content-addressed: a step's screenshot never changes
            }

            return Results.Bytes(bytes, contentType);
        });

    private static async Task<byte[]> ReadAsync(IGrainFactory grains, IArtifactStore store, string id, int index, StepArtifactKind kind, CancellationToken cancellationToken)
    {
        var snapshot = await grains.GetGrain<IWorkflowGrain>(id).GetAsync(cancellationToken);
        return await StepArtifacts.ReadAsync(store, snapshot, index, kind, cancellationToken);
    }
}
