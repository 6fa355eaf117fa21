using Microsoft.AspNetCore.Http;

namespace ScribeActors.Silo.Api;

/// <summary>Fills in the detail of the problem details ASP.NET Core writes itself (unknown route, wrong method, an
/// unhandled exception), so even those say what happened.</summary>
public static class ProblemDetailsDefaults
{
    /// <summary>The <c>ProblemDetailsOptions.CustomizeProblemDetails</c> callback.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var request = context.HttpContext.Request;
        context.ProblemDetails.Detail ??= context.ProblemDetails.Status switch
        {
            StatusCodes.Status404NotFound => $"Nothing is at {request.Method} {request.Path}: see README, \"REST API\", for the routes.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Path} does not accept {request.Method}.",
            StatusCodes.Status500InternalServerError => "The silo failed to handle the request; its log has the details (search for the traceId).",
            _ => null,
        };
    }
}
