using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ScribeActors.Abstractions;

namespace ScribeActors.Silo.Api;

/// <summary>
/// Turns what an endpoint throws into problem details: an unknown id (or a step artefact that cannot be read) 404, an invalid spec or schedule 400 (errors
/// keyed by field), a conflicting id 409, a request Kestrel refuses (a body too large) with Kestrel's status, and a
/// cluster that is failing over (<see cref="FailoverExceptions"/>) 503 with a <c>Retry-After</c> header. Anything else
/// is a bug: it propagates to the exception handler, which answers 500 problem details without a stack trace.
/// </summary>
public sealed partial class ApiProblemFilter(ILogger<ApiProblemFilter> logger) : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception e) when (e is WorkflowNotFoundException or ScheduleNotFoundException or StepArtifactNotFoundException)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }
        catch (InvalidWorkflowSpecException e)
        {
            return Results.ValidationProblem(SpecErrors.ByField<WorkflowSpec>(e.Errors), "Invalid workflow spec: " + string.Join(" ", e.Errors));
        }
        catch (InvalidScheduleException e)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { [ScheduleField(e.Message)] = [e.Message] }, e.Message);
        }
        catch (WorkflowConflictException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Conflict");
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own verdict on the request (a body over the size limit, a truncated body): its status, its words.
            return Results.Problem(e.Message, statusCode: e.StatusCode);
        }
        catch (Exception e) when (FailoverExceptions.IsTransient(e))
        {
            var http = context.HttpContext;
            LogUnavailable(logger, e, http.Request.Method, http.Request.Path);
            http.Response.Headers.RetryAfter = FailoverExceptions.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem(
                $"The cluster cannot answer right now ({e.GetType().Name}: {FirstLine(e.Message)}); a silo may be failing over. " +
                $"Nothing was lost: retry after {FailoverExceptions.RetryAfterSeconds} s.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable");
        }
    }

    /// <summary>The schedule field an <see cref="InvalidScheduleException"/> from the cron parser is about.</summary>
    private static string ScheduleField(string message) =>
        message.StartsWith("Cron expression", StringComparison.Ordinal) ? "cron"
        : message.StartsWith("Time zone", StringComparison.Ordinal) ? "timeZone"
        : "workflow";

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
