using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ScribeActors.DemoSites.Layout;
using ScribeActors.DemoSites.State;

namespace ScribeActors.DemoSites.Web;

/// <summary>Sign-in and sign-out of one site: a username/password form, sessions kept server-side.</summary>
/// <param name="Site">Site key and path prefix.</param>
/// <param name="Chrome">The site frame for a user (or none).</param>
/// <param name="Landing">Where a successful sign-in goes when there is no return address.</param>
/// <param name="Blurb">The sentence under the heading of the sign-in card.</param>
internal sealed record LoginEndpoints(string Site, Func<SignedInUser?, SiteChrome> Chrome, string Landing, string Blurb)
{
    private string LoginForm => Site + ".login";

    public void Map(RouteGroupBuilder group)
    {
        group.MapGet("/login", LoginPage);
        group.MapPost("/login", LoginAsync);
        group.MapGet("/logout", (HttpContext context, DemoStore store) =>
        {
            SiteSessions.End(context, store, Site);
            return Results.Redirect($"/{Site}/login");
        });
    }

    private IResult LoginPage(HttpContext context, DemoStore store, string? returnUrl) =>
        SiteSessions.Current(context, store, Site) is not null
            ? Results.Redirect(SiteSessions.SafeReturn(returnUrl, Site, Landing))
            : Render(context, store.Layout, returnUrl, "", new Dictionary<string, string>());

    private async Task<IResult> LoginAsync(HttpContext context, DemoStore store)
    {
        var post = await FormPost.ReadAsync(context);
        if (post is null)
        {
            return FormPost.NotAForm();
        }

        var (username, password, returnUrl) = (post["username"], post["password"], post["returnUrl"]);
        var errors = new Dictionary<string, string>();
        if (username.Length == 0)
        {
            errors["username"] = "Enter your username.";
        }

        if (password.Length == 0)
        {
            errors["password"] = "Enter your password.";
        }

        if (errors.Count > 0)
        {
            store.RecordFailure(LoginForm);
            return Render(context, store.Layout, returnUrl, username, errors);
        }

        var sessionId = store.SignIn(Site, username, password);
        if (sessionId is null)
        {
            return Render(context, store.Layout, returnUrl, username,
                new Dictionary<string, string> { ["credentials"] = "Invalid username or password." });
        }

        SiteSessions.Attach(context, Site, sessionId);
        return Results.Redirect(SiteSessions.SafeReturn(returnUrl, Site, Landing));
    }

    private IResult Render(HttpContext context, SiteLayout l, string? returnUrl, string username, IReadOnlyDictionary<string, string> errors)
    {
        var body =
            $"<div class=\"{l.Cls("card", "narrow")}\" id=\"{l.Id("login")}\"><h1>Sign in</h1><p>{Html.E(Blurb)}</p>" +
            Fields.ErrorSummary(l, errors) +
            $"<form method=\"post\" action=\"/{Site}/login\" id=\"{l.Id("login-form")}\" novalidate>" +
            $"<input type=\"hidden\" name=\"returnUrl\" value=\"{Html.E(returnUrl)}\">" +
            Fields.Input(l, "username", "Username", username, errors.GetValueOrDefault("username"), extraAttributes: "autocomplete=\"username\"") +
            Fields.Input(l, "password", "Password", "", errors.GetValueOrDefault("password"), "password", "autocomplete=\"current-password\"") +
            (l.Has(Site + ":remember-me") ? Fields.Checkbox(l, "remember", "Keep me signed in", false, null) : "") +
            $"<div class=\"{l.Cls("actions")}\"><button type=\"submit\" class=\"{l.Cls("btn", "btn-primary")}\">Sign in</button>" +
            $"<a href=\"/{Site}/help#password\">Forgot password?</a></div></form></div>";
        return PageResults.Page(context, l, Chrome(null), "Sign in", body);
    }
}
