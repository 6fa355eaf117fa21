using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ScribeActors.Abstractions;
using ScribeActors.Grains.Storage;

namespace ScribeActors.Silo.Api;

/// <summary>
/// Read endpoints for a step's stored artefacts: <c>GET /api/workflows/{id}/steps/{index}/observation</c> (the stored DOM as
/// plain text) and <c>.../screenshot</c> (PNG). Both behind the same key as the rest of the API; both 404 problem details
/// saying why when there is nothing to read.
/// </summary>
public static class ArtifactEndpoints
{
    /// <summary>Headers that keep a stored page inert wherever its bytes are opened: never sniffed as HTML, and a
    /// sandbox with no scripts should a browser render it anyway.</summary>
    internal const string InertPolicy = "sandbox; default-src 'none'";

    /// <summary>Maps the two routes on the <c>/api/workflows</c> group.</summary>
    public static RouteGroupBuilder MapStepArtifacts(this RouteGroupBuilder workflows)
    {
        ArgumentNullException.ThrowIfNull(workflows);
        workflows.MapGet("/{id}/steps/{index:int}/observation", async (string id, int index, HttpContext http, IGrainFactory grains, IArtifactStore store) =>
        {
            var bytes = await ReadAsync(grains, store, id, index, StepArtifactKind.Observation, http.RequestAborted);
            http.Response.Headers.ContentSecurityPolicy = InertPolicy;
            return Results.Bytes(bytes, "text/plain; charset=utf-8");
        });
        workflows.MapGet("/{id}/steps/{index:int}/screenshot", async (string id, int index, HttpContext http, IGrainFactory grains, IArtifactStore store) =>
        {
            var bytes = await ReadAsync(grains, store, id, index, StepArtifactKind.Screenshot, http.RequestAborted);
            http.Response.Headers.ContentSecurityPolicy = InertPolicy;
            http.Response.Headers.CacheControl = "private, max-age=86400"; // content-addressed: a step's screenshot never changes
            return Results.Bytes(bytes, "image/png");
        });
        return workflows;
    }

    private static async Task<byte[]> ReadAsync(IGrainFactory grains, IArtifactStore store, string id, int index, StepArtifactKind kind, CancellationToken cancellationToken)
    {
        var snapshot = await grains.GetGrain<IWorkflowGrain>(id).GetAsync(cancellationToken);
        return await StepArtifacts.ReadAsync(store, snapshot, index, kind, cancellationToken);
    }
}
