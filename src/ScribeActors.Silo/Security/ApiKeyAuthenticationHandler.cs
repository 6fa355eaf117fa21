using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ScribeActors.Silo.Security;

/// <summary>
/// Authenticates HTTP requests by API key: <c>Authorization: Bearer KEY</c>, <c>X-Api-Key: KEY</c>, or HTTP Basic with
/// the key as the password (any user name) so that a browser opening the dashboard can log in through its own prompt.
/// With no key configured (a loopback-only silo) every request is authenticated. A challenge answers 401 with problem
/// details and both a Basic and a Bearer <c>WWW-Authenticate</c> challenge.
/// </summary>
public sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeySet keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "ScribeApiKey";

    /// <summary>The header that may carry the key instead of <c>Authorization</c>.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    private const string Realm = "ScribeActors";
    private const string FailureKey = "scribe.auth.failure";

    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!keys.Required)
        {
            return Task.FromResult(Success("loopback"));
        }

        var presented = PresentedKey(Request);
        if (presented is null)
        {
            Context.Items[FailureKey] = "A valid API key is required: send 'Authorization: Bearer <key>', an 'X-Api-Key' header, or HTTP Basic credentials with the key as the password.";
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!keys.Matches(presented))
        {
            LogRejectedKey(Logger, Request.Method, Request.Path, Context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            Context.Items[FailureKey] = "The API key is not valid.";
            return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        }

        return Task.FromResult(Success("api-key"));
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.Append("WWW-Authenticate", $"Basic realm=\"{Realm}\", charset=\"UTF-8\"");
        Response.Headers.Append("WWW-Authenticate", $"Bearer realm=\"{Realm}\"");
        var detail = Context.Items[FailureKey] as string ?? "A valid API key is required.";
        await Results.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized").ExecuteAsync(Context);
    }

    /// <summary>The key the request presents, or null when it presents none.</summary>
    internal static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers[ApiKeyHeader] is [{ Length: > 0 } header])
        {
            return header.Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = authorization["Bearer ".Length..].Trim();
            return token.Length > 0 ? token : null;
        }

        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                var password = colon >= 0 ? pair[(colon + 1)..] : pair;
                return password.Length > 0 ? password : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return null;
    }

    private AuthenticateResult Success(string how) =>
        AuthenticateResult.Success(new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, how)], SchemeName)), SchemeName));
}
