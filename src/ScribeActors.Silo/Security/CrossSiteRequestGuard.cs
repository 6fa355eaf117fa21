using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ScribeActors.Silo.Security;

/// <summary>
/// Refuses a request that changes something (any method but GET, HEAD, OPTIONS) when a browser says it comes from a
/// page of another origin: <c>Sec-Fetch-Site</c> is <c>cross-site</c> or <c>same-site</c>, or <c>Origin</c> names
/// another host or port than the request's own (the scheme is not compared: a proxy may end TLS). A browser that logged in to the viewer or the dashboard (HTTP
/// Basic) attaches those credentials to any request to the silo, also one a foreign page sends, so without this a web
/// page could cancel or start workflows in its visitor's name; the same holds for a loopback silo without a key.
/// Requests without those headers (the CLI, the SDK, scripts) are not affected. Answers 403 with problem details.
/// </summary>
public static class CrossSiteRequestGuard
{
    /// <summary>Adds the guard to the pipeline.</summary>
    public static IApplicationBuilder UseCrossSiteRequestGuard(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (Refusal(context.Request) is { } reason)
            {
                await Results.Problem(reason, statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request refused").ExecuteAsync(context);
                return;
            }

            await next(context);
        });

    /// <summary>Why <paramref name="request"/> is refused, or <see langword="null"/> to let it through.</summary>
    public static string? Refusal(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return null;
        }

        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site is "cross-site" or "same-site")
        {
            return $"{request.Method} {request.Path} came from a page of another site (Sec-Fetch-Site: {site}); the operator pages change runs only from their own origin. Scripts and the SDK send no such header.";
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return null;
        }

        // Host and port only: behind a proxy that ends TLS the page's origin is https while the silo sees http.
        var own = request.Host.Value ?? "";
        return Uri.TryCreate(origin, UriKind.Absolute, out var from) && string.Equals(from.Authority, own, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"{request.Method} {request.Path} came from a page of origin '{origin}', not of {own}; the operator pages change runs only from their own origin. Scripts and the SDK send no Origin header.";
    }
}
